import RE2 from 're2';
import type { CompiledTarget, TransformChain } from '../program.js';
import type { CompiledRegex } from '../regex.js';
import { clausesCost, requiredLiterals } from './required-literals.js';
import { GroupFamily, LiteralFilter, type LiteralScan, type ScanMemo } from './literal-filter.js';
import { HitCollector, NO_HITS, type AnswerScope, type Hits, type SetGroup } from './hits.js';

/**
 * A pattern whose literals benign values contain about this often or more (literalCost) stays
 * unfiltered: it would be a candidate for most values, and one pass of the set of such patterns
 * costs less than running each one's own regex.
 */
const COMMON_LITERALS = 0.99;

/** With more candidates than size / 2^this, one pass of the whole set is cheaper than their own regexes. */
const CANDIDATES_SHIFT = 3;
/**
 * Or with two or more whose sources add up to this share of the group's: a pass of RE2 costs
 * about the same for one large pattern as for the set (CRS's unix-command patterns, ~20 KB each,
 * are candidates together on most prose: three passes of their own took 2.5 times one of the set).
 */
const WHOLE_SET_SHARE = 0.25;

interface SetPart {
  readonly set: InstanceType<typeof RE2.Set>;
  /** The group index of each pattern of the set, in set order. */
  readonly members: readonly number[];
}

/** What runs on every value: the patterns without useful literals. */
interface Unfiltered {
  readonly unfiltered: readonly SetPart[];
  /** The same when it is one pattern anchored at the value's start: run by its own regex instead. */
  readonly anchored: readonly number[];
}

interface Prefilter extends Unfiltered {
  /** The candidates among the filtered patterns. */
  readonly literals: LiteralFilter;
  readonly maxCandidates: number;
  /** Per pattern: its source's length; and the sum over the candidates above which the whole set runs. */
  readonly weights: Int32Array;
  readonly maxWeight: number;
  /** Scratch: the candidates of the running match. */
  readonly candidates: Int32Array;
}

/** A pattern's required literals, or null for one left to the unfiltered set. */
type Required = readonly (readonly string[])[] | null;

/**
 * The @rx patterns of every rule that applies one transformation chain in one phase, as RE2.Set
 * programs: one pass over a transformed value answers for all of them, so a rule whose pattern
 * cannot match is decided without running its own regex. The answers are exact (what each
 * pattern's own test() would say), not a heuristic.
 *
 * Before any RE2 program runs, the patterns' required literals (required-literals.ts) are looked
 * for in the value (literal-filter.ts): a pattern that lacks one of its OR-sets cannot match. On
 * values never seen before (session ids, tokens, most header values) this spares RE2's DFA the
 * building of new states, which costs several µs per pass of a large set. The patterns without
 * useful literals form a smaller set that runs on every value; the candidates among the others
 * run their own regexes, or the whole set runs when they are many.
 */
export class RegexSetGroup implements SetGroup {
  readonly sources: string[] = [];
  readonly wideTargets: CompiledTarget[] = [];
  readonly wideAnswerSlots: number[] = [];
  readonly wideEntrySlots: number[] = [];
  transforms: TransformChain | null = null;
  private readonly regexes: CompiledRegex[] = [];
  /** Set by the family's prepare(): per pattern, its literals. */
  private required: Required[] = [];
  private literals: LiteralFilter | null = null;
  /** Built on first use. */
  private prefilter: Prefilter | null = null;
  private whole: SetPart[] | null = null;
  /** The hits of the running match (made with the prefilter, once every pattern is in). */
  private hits: HitCollector | null = null;
  /** Per scope (AnswerScope.local): the unfiltered sets and anchored patterns it has members of. */
  private readonly scoped: Array<Unfiltered | undefined> = [];

  constructor(
    readonly id: number,
    private readonly family = new GroupFamily(),
  ) {
    family.groups.push(this);
  }

  get size(): number {
    return this.sources.length;
  }

  /** Adds a pattern compiled for re2 (it has a re2Source). */
  add(regex: CompiledRegex): number {
    this.sources.push(regex.re2Source!);
    this.regexes.push(regex);
    return this.sources.length - 1;
  }

  /**
   * Sets the bit of every pattern that matches the value (a binary string); NO_HITS when
   * none does. `utf8` gives Buffer.from(value, 'utf8'), asked for only when some RE2 program runs.
   * `memo` keeps the literals found in values, for the other groups of the family.
   */
  prepare(): void {
    this.prefilter ??= this.buildPrefilter();
  }

  get ready(): boolean {
    return this.prefilter !== null;
  }

  match(value: string, utf8: () => Buffer, memo: ScanMemo | null = null, scope: AnswerScope | null = null): Hits {
    const p = (this.prefilter ??= this.buildPrefilter());
    const hits = (this.hits ??= new HitCollector(this.sources.length));
    let count = p.literals.candidates(value, p.candidates, memo);
    let always: Unfiltered = p;
    const members = scope?.members ?? null;
    if (members !== null) {
      count = keepMembers(p.candidates, count, members);
      always = this.scoped[scope!.local] ??= unfilteredOf(p, members);
    }
    if (count > p.maxCandidates || (count > 1 && weightOf(p, count) > p.maxWeight)) {
      this.run(this.wholeSet(), value, utf8());
      return hits.answer();
    }
    if (count === 0 && always.unfiltered.length === 0 && always.anchored.length === 0) return NO_HITS;
    const bytes = utf8();
    this.run(always.unfiltered, value, bytes);
    this.testEach(always.anchored, always.anchored.length, value, bytes);
    this.testEach(p.candidates, count, value, bytes);
    return hits.answer();
  }

  /** Marks the first `count` patterns listed whose own regexes match. */
  private testEach(list: ArrayLike<number>, count: number, value: string, bytes: Buffer): void {
    for (let k = 0; k < count; k++) {
      const i = list[k]!;
      if (this.regexes[i]!.test(value, bytes)) this.hits!.hit(i);
    }
  }

  private wholeSet(): SetPart[] {
    return (this.whole ??= this.buildSets(this.sources.map((_, i) => i)));
  }

  private run(parts: readonly SetPart[], value: string, utf8: Buffer): void {
    for (const { set, members } of parts) {
      let found: number[];
      try {
        found = set.match(utf8);
      } catch {
        // RE2::Set gives up when its DFA runs out of memory on some inputs (node-re2 throws):
        // the patterns' own regexes answer instead, so a hostile value cannot hide a match.
        found = [];
        for (let k = 0; k < members.length; k++) if (this.regexes[members[k]!]!.test(value, utf8)) found.push(k);
      }
      for (const k of found) this.hits!.hit(members[k]!);
    }
  }

  /**
   * The patterns' literals, registered with the family's scan (see GroupFamily). Groups of a few
   * patterns are filtered too: the scan is shared, so a group adds no pass over the value for it.
   */
  prepareLiterals(scan: LiteralScan): void {
    this.required = this.sources.map((source) => {
      const r = requiredLiterals(source);
      return r !== null && clausesCost(r) < COMMON_LITERALS ? r : null;
    });
    this.literals = new LiteralFilter(this.required, scan);
  }

  /** The unfiltered set compiled once per group (the literals are the family's work). */
  private buildPrefilter(): Prefilter {
    this.family.prepare();
    const unfiltered = this.required.flatMap((r, i) => (r === null ? [i] : []));
    // A set pass reads the whole value, even for a pattern that can only match at its start; an
    // anchored regex stops where the pattern fails (CRS 922110 in the t:lowercase group: ~0.1 ms
    // per 64 KB value as a set of one). Only for a lone pattern: on short values each regex call
    // costs about one set pass.
    const anchored = unfiltered.length === 1 && anchoredAtStart(this.sources[unfiltered[0]!]!);
    return {
      literals: this.literals!,
      unfiltered: unfiltered.length > 0 && !anchored ? this.buildSets(unfiltered) : [],
      anchored: anchored ? unfiltered : [],
      maxCandidates: this.sources.length >> CANDIDATES_SHIFT,
      weights: Int32Array.from(this.sources, (s) => s.length),
      maxWeight: this.sources.reduce((n, s) => n + s.length, 0) * WHOLE_SET_SHARE,
      candidates: new Int32Array(this.sources.length),
    };
  }

  /**
   * RE2.Set programs over the given patterns. A set whose combined program exceeds re2's memory
   * budget fails to compile; it is then split in halves until every part fits.
   */
  private buildSets(members: readonly number[]): SetPart[] {
    const out: SetPart[] = [];
    const make = (part: readonly number[]): void => {
      try {
        out.push({ set: new RE2.Set(part.map((i) => this.sources[i]!)), members: part });
      } catch (e) {
        if (part.length === 1) throw e;
        const half = part.length >> 1;
        make(part.slice(0, half));
        make(part.slice(half));
      }
    };
    make(members);
    return out;
  }
}

/** The combined source length of the first `count` candidates. */
function weightOf(p: Prefilter, count: number): number {
  let sum = 0;
  for (let k = 0; k < count; k++) sum += p.weights[p.candidates[k]!]!;
  return sum;
}

/** Keeps the first `count` candidates that are members (in place); returns how many are left. */
function keepMembers(candidates: Int32Array, count: number, members: Uint8Array): number {
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const i = candidates[k]!;
    if (members[i] === 1) candidates[kept++] = i;
  }
  return kept;
}

/** The unfiltered sets with a member in scope (a set runs whole: members out of scope get answers too), and the anchored patterns in it. */
function unfilteredOf(p: Prefilter, members: Uint8Array): Unfiltered {
  return {
    unfiltered: p.unfiltered.filter((part) => part.members.some((i) => members[i] === 1)),
    anchored: p.anchored.filter((i) => members[i] === 1),
  };
}

/**
 * Whether every match of an re2 pattern starts at the value's start: a leading ^ or \A (after flag
 * groups without m) that no top-level alternative escapes. Conservative: POSIX classes and \Q
 * quoting answer false.
 */
export function anchoredAtStart(source: string): boolean {
  const lead = /^(?:\(\?[a-zA-Z-]*\))*(?:\^|\\A)/.exec(source);
  if (lead === null || lead[0].includes('m') || source.includes('[:') || source.includes('\\Q')) return false;
  let depth = 0;
  for (let i = lead[0].length; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      // a class: a ']' right after '[' or '[^' is a member
      i += source[i + 1] === '^' ? 2 : 1;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      return false;
    }
  }
  return true;
}

/**
 * The required literals of a pattern left out of the set groups (a multiMatch rule's @rx tests
 * every intermediate value, so no group answers for it): its regex runs only on values that hold
 * them. They are looked for by the family's shared scan, whose answer for a value the groups have
 * usually asked for already.
 */
export class LiteralGate {
  private filter: LiteralFilter | null = null;
  private readonly found = new Int32Array(1);

  constructor(
    private readonly source: string,
    private readonly family: GroupFamily,
  ) {
    family.groups.push(this);
  }

  prepareLiterals(scan: LiteralScan): void {
    const r = requiredLiterals(this.source);
    this.filter = r !== null && clausesCost(r) < COMMON_LITERALS ? new LiteralFilter([r], scan) : null;
  }

  /** False when the value (a binary string) lacks the pattern's literals: the pattern cannot match it. */
  mayMatch(value: string, memo: ScanMemo | null): boolean {
    this.family.prepare();
    return this.filter === null || this.filter.candidates(value, this.found, memo) > 0;
  }
}
