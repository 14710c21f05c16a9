import type { Hits } from '../compiler/passes/hits.js';

/**
 * What the engine has worked out about one raw value: its transformations (by chain prefix id),
 * its set groups' answers (by answer scope) and its pure operators' answers (by operator slot). All of it
 * depends on the value alone. A transaction reaches a value's analysis through the entry that holds
 * the value (one look-up per value, not one per value and rule); the analyses of short values are
 * also kept across transactions in one bounded table per Waf (headers, cookie names, parameter
 * values repeat from request to request).
 */
/** Values whose analyses a Waf keeps across transactions (each holds a few dozen references). */
export const VALUE_ANALYSES = 8192;

/** Longer transformation chains get no operator slot (CRS's longest has 7 steps). */
export const OPERATOR_SLOT_STRIDE = 32;

/**
 * Values under small integer keys, found by a scan of the keys: an analysis holds a handful of
 * the hundreds of keys of a rule set (an array indexed by key grew to a kilobyte per value).
 */
export class KeyedValues<V> {
  /** key, value, key, value...: one array to allocate per analysis, its pairs side by side */
  private readonly pairs: Array<number | V> = [];

  get(key: number): V | undefined {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return pairs[i + 1] as V;
    return undefined;
  }

  /** Adds a key not yet present. */
  add(key: number, value: V): V {
    this.pairs.push(key, value);
    return value;
  }
}

/** By number of words: the zeros a new analysis's noBits start from. */
const NO_WORDS: number[][] = [];

export class ValueAnalysis {
  /** the char bits of the value (ActingChars), -1 until a transformation chain needs them */
  charMask = -1;
  /** value after the chain prefix of that id, for the prefixes that ran (inert ones are skipped); null until one does */
  transformed: KeyedValues<string> | null = null;
  /**
   * The answers that were no, a bit each, as most are: bit AnswerScope.answer, that scope's group
   * answered NO_HITS for the value after the group's chain; bit Rule.noBit, the rule's pure
   * operator did not match the value after its chain; bit Rule.noBit + 1, no value a non-negated
   * multiMatch rule saw matched. Bits keep a long value's analyses small (a nested JSON body has a
   * thousand names of hundreds of chars) and are read without a look-up.
   */
  readonly noBits: number[];
  /** the other answers, by AnswerScope.answer; null until the value hits a member */
  hits: Array<Hits | undefined> | null = null;
  /**
   * Per operator slot and number of chain steps applied (slot * OPERATOR_SLOT_STRIDE + steps;
   * multiMatch rules test the intermediate values too): the captures when the operator matched,
   * null when not; a no after the whole chain is kept in noBits instead.
   */
  answers: Map<number, string[] | null> | null = null;

  /** `noWords`: WafRuntime.slots.noWords */
  constructor(noWords: number) {
    // a copy of a packed array of zeros: `new Array(n).fill(0)` was the hot line of a new value's analysis
    this.noBits = (NO_WORDS[noWords] ??= Array.from({ length: noWords }, () => 0)).slice();
  }
}

/** Whether bit `n` of a value's noBits is set. */
export function isNo(a: ValueAnalysis, n: number): boolean {
  return ((a.noBits[n >> 5]! >>> (n & 31)) & 1) === 1;
}

export function setNo(a: ValueAnalysis, n: number): void {
  a.noBits[n >> 5]! |= 1 << (n & 31);
}
