import type { Entry } from '../variables/types.js';
import { NO_ENTRIES } from '../variables/types.js';

/**
 * A mutable collection (TX, IP, GLOBAL, ENV...): keys are case-insensitive as in ModSecurity,
 * entries keep the case of their first write and their insertion order.
 */
export class KeyedStore {
  /**
   * Each key holds the one-entry list that a `TX:key` target reads, so rules that test one key
   * (CRS tests TX:detection_paranoia_level in every file) read it without copying the collection.
   */
  private map = new Map<string, readonly Entry[]>();
  private snapshot: Entry[] | null = null;
  /** the map as arrays, for copyFrom; dropped on a write */
  private frozen: { keys: string[]; lists: Array<readonly Entry[]> } | null = null;

  /**
   * Becomes a copy of `other` (entries are immutable: both share them until written). The other's
   * keys and lists are kept in arrays: set in a loop, they copy faster than by the Map's iterator.
   */
  copyFrom(other: KeyedStore): void {
    const { keys, lists } = (other.frozen ??= { keys: [...other.map.keys()], lists: [...other.map.values()] });
    const map = (this.map = new Map());
    for (let i = 0; i < keys.length; i++) map.set(keys[i]!, lists[i]!);
    this.snapshot = other.snapshot;
  }

  get(key: string): string | undefined {
    return this.getLower(key.toLowerCase());
  }

  getLower(keyLower: string): string | undefined {
    return this.map.get(keyLower)?.[0]!.value;
  }

  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }

  set(key: string, value: string, lower = key.toLowerCase()): void {
    const old = this.map.get(lower);
    // the same value keeps its entry (captures rewrite TX:0..TX:9 on every match, mostly with '')
    if (old !== undefined && old[0]!.value === value) return;
    this.map.set(lower, [{ key: old ? old[0]!.key : key, value }]);
    this.snapshot = null;
    this.frozen = null;
  }

  delete(key: string): void {
    if (this.map.delete(key.toLowerCase())) this.snapshot = this.frozen = null;
  }

  /** The entry of one key (lower case) as a target list: the same array until that key is written. */
  select(keyLower: string): readonly Entry[] {
    return this.map.get(keyLower) ?? NO_ENTRIES;
  }

  /** Entries in insertion order; the array is reused until the next write. */
  entries(): readonly Entry[] {
    if (this.snapshot === null) {
      this.snapshot = [];
      for (const list of this.map.values()) this.snapshot.push(list[0]!);
    }
    return this.snapshot;
  }

  get size(): number {
    return this.map.size;
  }
}
