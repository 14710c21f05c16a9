import type { Entry } from '../variables/types.js';

/**
 * A mutable collection (TX, IP, GLOBAL, ENV...): keys are case-insensitive as in ModSecurity,
 * entries keep the case of their first write and their insertion order.
 */
export class KeyedStore {
  private readonly map = new Map<string, Entry>();
  private snapshot: Entry[] | null = null;

  get(key: string): string | undefined {
    return this.map.get(key.toLowerCase())?.value;
  }

  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }

  set(key: string, value: string): void {
    const lower = key.toLowerCase();
    const old = this.map.get(lower);
    this.map.set(lower, { key: old ? old.key : key, value });
    this.snapshot = null;
  }

  delete(key: string): void {
    if (this.map.delete(key.toLowerCase())) this.snapshot = null;
  }

  /** Entries in insertion order; the array is reused until the next write. */
  entries(): readonly Entry[] {
    return (this.snapshot ??= [...this.map.values()]);
  }

  get size(): number {
    return this.map.size;
  }
}
