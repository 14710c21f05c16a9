import type { Transaction } from '../engine/transaction.js';
import type { ValueAnalysis } from '../engine/value-analysis.js';

/** One value of a variable: for a collection its key (original case), for a single variable ''. */
export interface Entry {
  readonly key: string;
  readonly value: string;
  /** set by the engine on first inspection (see engine/value-analysis.ts) */
  analysis?: ValueAnalysis;
}

export interface VariableDefinition {
  /** SecLang name, upper case: `ARGS`, `REQUEST_URI` */
  readonly name: string;
  /** true for keyed collections (`ARGS:name` selects), false for single variables */
  readonly collection: boolean;
  /** Every entry, in order. A single variable gives zero or one entry with key ''. */
  read(tx: Transaction): readonly Entry[];
  /**
   * For collections whose selector is not a key (`XML:/xpath`): compiles the selector once at
   * load time into a reader. Absent for ordinary collections, which select by key.
   */
  compileSelector?(selector: string): (tx: Transaction) => readonly Entry[];
  /** For collections kept by key (TX, IP...): the entries of one key (lower case), without reading the rest. */
  selectKey?(tx: Transaction, keyLower: string): readonly Entry[];
  /** For the same: the entries whose key `accepts` (a regex selector), with the store's kept answers (KeyedStore.selectWhere). */
  selectWhere?<S extends object>(tx: Transaction, selector: S, accepts: (selector: S, key: string) => boolean): readonly Entry[];
}

export const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/** A single variable's entries: none when the value is null. */
export function single(value: string | null): readonly Entry[] {
  return value === null ? NO_ENTRIES : [{ key: '', value }];
}
