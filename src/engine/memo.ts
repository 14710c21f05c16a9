/**
 * Bounded memo tables for pure computations (a transformation chain, a constant-parameter operator,
 * an RE2.Set) on short values. Header values, cookie and parameter names repeat across requests,
 * so their answers are kept across transactions; the bound keeps memory fixed whatever clients send.
 */

import { intern } from './intern.js';

/** Longer values are not remembered: they rarely repeat and would make the tables large. */
export const MEMO_VALUE_LIMIT = 256;
/** Entries per table. */
export const MEMO_ENTRIES = 4096;

export class Memo<V> {
  private readonly map = new Map<string, V>();
  private missesWhileFull = 0;

  constructor(private readonly capacity = MEMO_ENTRIES) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /**
   * Stores while there is room, under the key's internalized copy: a key sliced out of a request
   * body would keep the whole body alive while the table keeps it (300 requests with 1 MB bodies
   * kept 308 MiB). A full table keeps what it has (the values that came first are the
   * common ones), unless it keeps missing long after filling up: traffic changed, start over.
   */
  remember(key: string, value: V): V {
    if (this.map.size < this.capacity) {
      this.map.set(intern(key), value);
    } else if (++this.missesWhileFull > 4 * this.capacity) {
      this.map.clear();
      this.missesWhileFull = 0;
      this.map.set(intern(key), value);
    }
    return value;
  }
}
