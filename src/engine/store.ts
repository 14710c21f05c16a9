import type { Entry } from '../variables/types.js';
import { NO_ENTRIES } from '../variables/types.js';

/** A store's map as arrays (see copyFrom), with the answers of key selections over its keys. */
interface Frozen {
  readonly keys: string[];
  readonly lists: Array<readonly Entry[]>;
  /** per selector (selectWhere): the indices of the keys it accepts */
  readonly chosen: Map<object, number[]>;
}

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
  private frozen: Frozen | null = null;
  /**
   * What copyFrom copied, while no key was deleted since (so the map holds its keys first, in its
   * order), and the keys added since: a selection tests only those (see selectWhere).
   */
  private base: Frozen | null = null;
  private added: string[] = [];
  /** bumped by every write: a selection is kept while it is the same */
  private version = 0;
  private selections: Map<object, { version: number; entries: readonly Entry[] }> | null = null;

  /**
   * Becomes a copy of `other` (entries are immutable: both share them until written). The other's
   * keys and lists are kept in arrays: set in a loop, they copy faster than by the Map's iterator.
   */
  copyFrom(other: KeyedStore): void {
    const frozen = (other.frozen ??= { keys: [...other.map.keys()], lists: [...other.map.values()], chosen: new Map() });
    const { keys, lists } = frozen;
    const map = (this.map = new Map());
    for (let i = 0; i < keys.length; i++) map.set(keys[i]!, lists[i]!);
    this.snapshot = other.snapshot;
    this.base = frozen;
    this.added = [];
    this.version++;
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
    // only a copy's additions are listed: a persistent record, never copied, would grow the list for good
    if (old === undefined && this.base !== null) this.added.push(lower);
    this.snapshot = null;
    this.frozen = null;
    this.version++;
  }

  delete(key: string): void {
    if (!this.map.delete(key.toLowerCase())) return;
    this.snapshot = this.frozen = this.base = null;
    this.added = [];
    this.version++;
  }

  /** The entry of one key (lower case) as a target list: the same array until that key is written. */
  select(keyLower: string): readonly Entry[] {
    return this.map.get(keyLower) ?? NO_ENTRIES;
  }

  /**
   * The entries whose key `accepts(selector, key)`, in insertion order; the array is reused until
   * the next write. For a store copied from another (TX from the preset: ~50 keys), the answers on
   * the copied keys are kept in that one, by selector: only the keys added since are tested.
   */
  selectWhere<S extends object>(selector: S, accepts: (selector: S, key: string) => boolean): readonly Entry[] {
    const kept = this.selections?.get(selector);
    if (kept !== undefined && kept.version === this.version) return kept.entries;
    const out: Entry[] = [];
    const base = this.base;
    if (base === null) {
      for (const e of this.entries()) if (accepts(selector, e.key)) out.push(e);
    } else {
      let chosen = base.chosen.get(selector);
      if (chosen === undefined) {
        chosen = [];
        for (let i = 0; i < base.keys.length; i++) if (accepts(selector, base.lists[i]![0]!.key)) chosen.push(i);
        base.chosen.set(selector, chosen);
      }
      for (const i of chosen) out.push(this.map.get(base.keys[i]!)![0]!);
      for (const k of this.added) {
        const e = this.map.get(k)![0]!;
        if (accepts(selector, e.key)) out.push(e);
      }
    }
    (this.selections ??= new Map()).set(selector, { version: this.version, entries: out });
    return out;
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
