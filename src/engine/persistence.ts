import { LRUCache } from 'lru-cache';
import { KeyedStore } from './store.js';

/**
 * Persistent collections (IP, GLOBAL, SESSION, USER, RESOURCE) opened with initcol/setsid/...:
 * kept in memory for the life of the Waf, least recently used first out, and dropped after
 * SecCollectionTimeout seconds without use.
 */
export class PersistentCollections {
  private readonly cache: LRUCache<string, PersistentRecord>;

  constructor(timeoutSeconds: number, max = 100_000) {
    this.cache = new LRUCache({ max, ttl: timeoutSeconds * 1000, updateAgeOnGet: true });
  }

  open(collection: string, key: string): PersistentRecord {
    const id = `${collection}\u0000${key}`;
    let record = this.cache.get(id);
    if (!record) {
      record = new PersistentRecord(key);
      this.cache.set(id, record);
    }
    record.expireStale();
    return record;
  }
}

/** One opened collection record: values plus per-variable expiry and last-write times. */
export class PersistentRecord extends KeyedStore {
  private readonly expiries = new Map<string, number>();
  private readonly written = new Map<string, number>();

  constructor(readonly recordKey: string) {
    super();
  }

  override set(key: string, value: string): void {
    super.set(key, value);
    this.written.set(key.toLowerCase(), Date.now());
  }

  expireAfter(key: string, seconds: number): void {
    this.expiries.set(key.toLowerCase(), Date.now() + seconds * 1000);
  }

  /** deprecatevar: lower a counter by `amount` for every `period` seconds since its last write. */
  deprecate(key: string, amount: number, period: number): void {
    const current = Number.parseInt(this.get(key) ?? '', 10);
    const since = this.written.get(key.toLowerCase());
    if (!Number.isFinite(current) || since === undefined || period <= 0) return;
    const steps = Math.floor((Date.now() - since) / (period * 1000));
    if (steps > 0) this.set(key, String(Math.max(0, current - steps * amount)));
  }

  expireStale(): void {
    const now = Date.now();
    for (const [key, at] of this.expiries) {
      if (at <= now) {
        this.delete(key);
        this.expiries.delete(key);
      }
    }
  }
}
