import type { Entry } from '../variables/types.js';
import { NO_ENTRIES } from '../variables/types.js';

/** A store's keys and lists as arrays (see copyFrom), with the answers of key selections over its keys. */
interface Frozen {
  readonly keys: string[];
  readonly lists: Array<readonly Entry[]>;
  /** key → its index in keys and lists */
  readonly index: Map<string, number>;
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
   * For a copy (see base), only the keys written since the copy.
   */
  private map = new Map<string, readonly Entry[]>();
  private snapshot: Entry[] | null = null;
  /** the keys and lists as arrays, for copyFrom; dropped on a write */
  private frozen: Frozen | null = null;
  /**
   * What copyFrom copied, read under the map's own keys until a copied key is deleted; and the
   * keys added since, in order: a selection tests only those (see selectWhere).
   */
  private base: Frozen | null = null;
  private added: string[] = [];
  /** bumped by every write: a selection is kept while it is the same */
  private version = 0;
  /**
   * Bumped by every write that may change a one-char key (TX:0..TX:9 hold captures): while it is
   * the same, those keys hold what was last written to them (see Transaction.setCaptures).
   */
  oneCharWrites = 0;
  private selections: Map<object, { version: number; entries: readonly Entry[] }> | null = null;

  /**
   * Becomes a copy of `other` (entries are immutable: both share them until written). Nothing is
   * copied: the other's keys and lists are kept as arrays and read under this store's writes (TX
   * from the preset: copying 44 keys into a new Map cost ~1 µs, and the Map grew past 64 keys in
   * most requests, which costs a rehash).
   */
  copyFrom(other: KeyedStore): void {
    this.base = (other.frozen ??= other.freeze());
    this.map = new Map();
    this.snapshot = other.snapshot;
    this.added = [];
    this.version++;
    this.oneCharWrites++;
  }

  private freeze(): Frozen {
    const keys = this.base === null ? [...this.map.keys()] : [...this.base.keys, ...this.added];
    const lists = keys.map((k) => this.list(k)!);
    return { keys, lists, index: new Map(keys.map((k, i) => [k, i])), chosen: new Map() };
  }

  /** The list of the copied key at index i of base, as written since the copy. */
  private copiedList(i: number): readonly Entry[] {
    const base = this.base!;
    return this.map.get(base.keys[i]!) ?? base.lists[i]!;
  }

  /** The list of a key (lower case), undefined when absent. */
  private list(keyLower: string): readonly Entry[] | undefined {
    const own = this.map.get(keyLower);
    if (own !== undefined || this.base === null) return own;
    const i = this.base.index.get(keyLower);
    return i === undefined ? undefined : this.base.lists[i];
  }

  get(key: string): string | undefined {
    return this.getLower(key.toLowerCase());
  }

  getLower(keyLower: string): string | undefined {
    return this.list(keyLower)?.[0]!.value;
  }

  has(key: string): boolean {
    return this.list(key.toLowerCase()) !== undefined;
  }

  set(key: string, value: string, lower = key.toLowerCase()): void {
    const old = this.list(lower);
    // the same value keeps its entry (captures rewrite TX:0..TX:9 on every match, mostly with '')
    if (old !== undefined && old[0]!.value === value) return;
    this.map.set(lower, [{ key: old ? old[0]!.key : key, value }]);
    // only a copy's additions are listed: a persistent record, never copied, would grow the list for good
    if (old === undefined && this.base !== null) this.added.push(lower);
    this.snapshot = null;
    this.frozen = null;
    this.version++;
    if (lower.length === 1) this.oneCharWrites++;
  }

  delete(key: string): void {
    const lower = key.toLowerCase();
    if (this.list(lower) === undefined) return;
    // a key deleted and set again comes last: the copy becomes a store of its own first
    if (this.base !== null) this.map = this.ownMap();
    this.map.delete(lower);
    this.snapshot = this.frozen = this.base = null;
    this.added = [];
    this.version++;
    this.oneCharWrites++;
  }

  /** Every key and list in order, as a Map of its own. */
  private ownMap(): Map<string, readonly Entry[]> {
    const map = new Map<string, readonly Entry[]>();
    const base = this.base!;
    for (let i = 0; i < base.keys.length; i++) map.set(base.keys[i]!, this.copiedList(i));
    for (const k of this.added) map.set(k, this.map.get(k)!);
    return map;
  }

  /** The entry of one key (lower case) as a target list: the same array until that key is written. */
  select(keyLower: string): readonly Entry[] {
    return this.list(keyLower) ?? NO_ENTRIES;
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
      for (const i of chosen) out.push(this.copiedList(i)[0]!);
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
      const out: Entry[] = [];
      const base = this.base;
      if (base === null) {
        for (const list of this.map.values()) out.push(list[0]!);
      } else {
        for (let i = 0; i < base.keys.length; i++) out.push(this.copiedList(i)[0]!);
        for (const k of this.added) out.push(this.map.get(k)![0]!);
      }
      this.snapshot = out;
    }
    return this.snapshot;
  }

  get size(): number {
    return this.base === null ? this.map.size : this.base.keys.length + this.added.length;
  }
}
