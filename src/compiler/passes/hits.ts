import type { CompiledTarget, TransformChain } from '../program.js';
import type { ScanMemo } from './literal-filter.js';

/**
 * A set group's answers for a value: bit i of word i >> 5 set when member i (a rule's pattern or
 * phrase list) matches. Words, not a byte per member, so that OR-ing the answers of a target's
 * values is a couple of operations.
 */
export type Hits = Uint32Array;

/** The shared answer of a value no member matches (the common case): callers test identity. */
export const NO_HITS = new Uint32Array(0);

export function hasHit(hits: Hits, i: number): boolean {
  return hits !== NO_HITS && ((hits[i >> 5]! >>> (i & 31)) & 1) === 1;
}

/**
 * The hits of both (of one group). Answers are never written once made, so they are shared: the
 * union is one of the two unless each has a hit the other lacks (then a new array).
 */
export function unionHits(a: Hits, b: Hits): Hits {
  if (b === NO_HITS || a === b) return a;
  if (a === NO_HITS) return b;
  let aHolds = true;
  let bHolds = true;
  for (let i = 0; i < a.length; i++) {
    const both = a[i]! | b[i]!;
    if (both !== a[i]) aHolds = false;
    if (both !== b[i]) bHolds = false;
  }
  if (aHolds) return a;
  if (bHolds) return b;
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! | b[i]!;
  return out;
}

/**
 * The members of a group whose answers a target's values need: those of the group's rules that
 * read the target (ARGS_NAMES values need no answer from a pattern only REQUEST_HEADERS:Content-Type
 * is matched against). Answers for one scope may lack the members outside it, so a value's
 * analysis keeps them apart, by `answer`.
 */
export interface AnswerScope {
  /** index of the answers in ValueAnalysis.setHits (unique across groups) */
  readonly answer: number;
  /** index among the group's scopes */
  readonly local: number;
  /** per member: 1 when in scope; null when every member is */
  readonly members: Uint8Array | null;
}

/**
 * The rules of one phase and transformation chain whose operator one pass over a transformed value
 * answers for all (regex-sets.ts: @rx by RE2.Set; phrase-sets.ts: @pm and @pmFromFile by one
 * automaton). Answers are exact: what each rule's own operator would say.
 */
export interface SetGroup {
  readonly id: number;
  /**
   * The phase-stable targets that the group's skipable rules read, without their exclusions (a
   * superset of what each rule reads), and their answer slots: see Rule.wideMask.
   */
  readonly wideTargets: CompiledTarget[];
  readonly wideAnswerSlots: number[];
  /**
   * Per wide target: its slot of resolved entries, one per (phase, target), so that the groups of
   * a phase that read the same target resolve it once.
   */
  readonly wideEntrySlots: number[];
  /** the transformation chain of the group's rules */
  transforms: TransformChain | null;
  /**
   * The members that match the value (a binary string), of those in `scope` at least: a member
   * out of it may be left unanswered. `utf8` gives Buffer.from(value, 'utf8'), asked for only
   * when an RE2 program runs; `memo` keeps a transaction's literal scans.
   */
  match(value: string, utf8: () => Buffer, memo: ScanMemo | null, scope: AnswerScope | null): Hits;
  /** Builds now what the first match would build (programs, automata); `ready` once done. */
  prepare(): void;
  readonly ready: boolean;
}

/**
 * The hits of one match as they are found, made into an answer at the end: NO_HITS, the group's
 * one array for a single hit (the common case: a member that most values of some target match),
 * or a new array.
 */
export class HitCollector {
  private scratch: Uint32Array = NO_HITS;
  private count = 0;
  private last = 0;
  /** by member: the answer in which only that member hits, shared by every value it is for */
  private readonly singles: Array<Hits | undefined> = [];

  constructor(private readonly size: number) {}

  hit(i: number): void {
    if (this.scratch === NO_HITS) this.scratch = new Uint32Array((this.size + 31) >> 5);
    const bit = 1 << (i & 31);
    if ((this.scratch[i >> 5]! & bit) !== 0) return;
    this.scratch[i >> 5]! |= bit;
    this.count++;
    this.last = i;
  }

  /** The hits so far, which it clears. */
  answer(): Hits {
    const n = this.count;
    if (n === 0) return NO_HITS;
    const hits = n === 1 ? (this.singles[this.last] ??= this.scratch.slice()) : this.scratch.slice();
    this.scratch.fill(0);
    this.count = 0;
    return hits;
  }
}
