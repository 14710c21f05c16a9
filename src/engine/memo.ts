/**
 * Bounded memo tables for pure computations (a transformation chain, a constant-parameter operator,
 * an RE2.Set) on short values. Header values, cookie and parameter names repeat across requests,
 * so their answers are kept across transactions; the bounds keep memory fixed whatever clients send.
 */

/** Longer values are not remembered: they rarely repeat and would make the tables large. */
export const MEMO_VALUE_LIMIT = 256;
/** A table that reaches this many entries starts over. */
export const MEMO_ENTRIES = 4096;

export function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_ENTRIES) memo.clear();
  memo.set(key, value);
  return value;
}
