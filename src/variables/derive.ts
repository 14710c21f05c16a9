import type { Transaction } from '../engine/transaction.js';
import type { Entry, VariableDefinition } from './types.js';
import { NO_ENTRIES } from './types.js';

/** The entries of a *_NAMES collection (and MATCHED_VARS_NAMES): one per key, whose value is the key. */
export function namesOfEntries(source: readonly Entry[]): Entry[] {
  return source.map((e) => ({ key: e.key, value: e.key }));
}

/** A single variable computed from the transaction (null: the variable does not exist). */
export function scalar(name: string, value: (tx: Transaction) => string | null): VariableDefinition {
  return {
    name,
    collection: false,
    read(tx) {
      const v = value(tx);
      return v === null ? NO_ENTRIES : tx.scalarEntries(name, v);
    },
  };
}

/** A keyed collection read from the transaction. */
export function collection(name: string, entries: (tx: Transaction) => readonly Entry[]): VariableDefinition {
  return { name, collection: true, read: entries };
}

/**
 * The `*_NAMES` companion of a collection: one entry per key whose value is the key. The result is
 * cached on the transaction as long as the source array is the same object.
 */
export function namesOf(name: string, source: VariableDefinition): VariableDefinition {
  return {
    name,
    collection: true,
    read(tx) {
      const src = source.read(tx);
      return tx.derive(name, src, namesOfEntries);
    },
  };
}
