import RE2 from 're2';
import type { CompiledTarget, PhaseProgram, Rule, TransformChain } from '../program.js';
import type { CompiledRegex } from '../regex.js';
import { clausesCost, requiredLiterals } from './required-literals.js';
import { LiteralFilter, LiteralScan, type ScanMemo } from './literal-filter.js';

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
/** The shared answer of a value no pattern matches (the common case): callers test identity. */
export const NO_HITS = new Uint32Array(0);

/**
 * A group's answers: bit i of word i >> 5 set when pattern i matches. Words, not a byte per
 * pattern, so that OR-ing the answers of a target's values is a couple of operations.
 */
export type Hits = Uint32Array;

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
 * A pattern whose literals benign values contain about this often or more (literalCost) stays
 * unfiltered: it would be a candidate for most values, and one pass of the set of such patterns
 * costs less than running each one's own regex.
 */
const COMMON_LITERALS = 0.99;

/** With more candidates than size / 2^this, one pass of the whole set is cheaper than their own regexes. */
const CANDIDATES_SHIFT = 3;

interface SetPart {
  readonly set: InstanceType<typeof RE2.Set>;
  /** The group index of each pattern of the set, in set order. */
  readonly members: readonly number[];
}

interface Prefilter {
  /** The candidates among the filtered patterns. */
  readonly literals: LiteralFilter;
  /** The patterns without useful literals, run on every value. */
  readonly unfiltered: readonly SetPart[];
  /** The same when it is one pattern anchored at the value's start: run by its own regex instead. */
  readonly anchored: readonly number[];
  readonly maxCandidates: number;
  /** Scratch: the candidates of the running match. */
  readonly candidates: Int32Array;
}

/** A pattern's required literals, or null for one left to the unfiltered set. */
type Required = readonly (readonly string[])[] | null;

/**
 * Groups whose literal filters share one LiteralScan (a value is scanned once for all). The scan
 * must know every literal before it runs, so the first group used works out the literals of all.
 */
export class GroupFamily {
  readonly groups: RegexSetGroup[] = [];
  private prepared = false;

  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    const scan = new LiteralScan();
    for (const g of this.groups) g.prepareLiterals(scan);
  }
}

export class RegexSetGroup {
  readonly sources: string[] = [];
  /**
   * The phase-stable targets that the group's skipable rules read, without their exclusions (a
   * superset of what each rule reads), and their answer slots: see Rule.wideMask.
   */
  readonly wideTargets: CompiledTarget[] = [];
  readonly wideAnswerSlots: number[] = [];
  /** the transformation chain of the group's rules */
  transforms: TransformChain | null = null;
  private readonly regexes: CompiledRegex[] = [];
  /** Set by the family's prepare(): per pattern, its literals. */
  private required: Required[] = [];
  private literals: LiteralFilter | null = null;
  /** Built on first use. */
  private prefilter: Prefilter | null = null;
  private whole: SetPart[] | null = null;
  /** The hits of the running match, a bit per pattern (sized on first match), and their count. */
  private scratch: Uint32Array = NO_HITS;
  private hitCount = 0;
  private lastHit = 0;
  /** by pattern: the answer in which only that pattern hits, shared by every value it is for */
  private readonly singles: Array<Hits | undefined> = [];

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
  match(value: string, utf8: () => Buffer, memo: ScanMemo | null = null): Hits {
    const p = (this.prefilter ??= this.buildPrefilter());
    if (this.scratch === NO_HITS) this.scratch = new Uint32Array((this.sources.length + 31) >> 5);
    const count = p.literals.candidates(value, p.candidates, memo);
    if (count > p.maxCandidates) {
      this.run(this.wholeSet(), value, utf8());
      return this.answer();
    }
    if (count === 0 && p.unfiltered.length === 0 && p.anchored.length === 0) return NO_HITS;
    const bytes = utf8();
    this.run(p.unfiltered, value, bytes);
    this.testEach(p.anchored, p.anchored.length, value, bytes);
    this.testEach(p.candidates, count, value, bytes);
    return this.answer();
  }

  /** Marks the first `count` patterns listed whose own regexes match. */
  private testEach(list: ArrayLike<number>, count: number, value: string, bytes: Buffer): void {
    for (let k = 0; k < count; k++) {
      const i = list[k]!;
      if (this.regexes[i]!.test(value, bytes)) this.hit(i);
    }
  }

  private hit(i: number): void {
    const bit = 1 << (i & 31);
    if ((this.scratch[i >> 5]! & bit) !== 0) return;
    this.scratch[i >> 5]! |= bit;
    this.hitCount++;
    this.lastHit = i;
  }

  /**
   * The hits gathered in scratch, which it clears: NO_HITS, the group's one array for a single
   * hit (the common case: a pattern that most values of some target match), or a new array.
   */
  private answer(): Hits {
    const n = this.hitCount;
    if (n === 0) return NO_HITS;
    let hits: Hits;
    if (n === 1) {
      const i = this.lastHit;
      hits = this.singles[i] ??= this.scratch.slice();
    } else {
      hits = this.scratch.slice();
    }
    this.scratch.fill(0);
    this.hitCount = 0;
    return hits;
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
      for (const k of found) this.hit(members[k]!);
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
 * Variables whose values cannot change while a phase runs (rules write none of them), so a
 * group's answers over them hold for the whole phase. Not REQUEST_BODY (ctl:forceRequestBodyVariable
 * can change it) nor stores, MATCHED_*, or time.
 */
const PHASE_STABLE = new Set([
  'ARGS', 'ARGS_NAMES', 'ARGS_GET', 'ARGS_GET_NAMES', 'ARGS_POST', 'ARGS_POST_NAMES', 'REQUEST_COOKIES',
  'REQUEST_COOKIES_NAMES', 'REQUEST_HEADERS', 'REQUEST_HEADERS_NAMES', 'REQUEST_FILENAME', 'REQUEST_BASENAME',
  'REQUEST_URI', 'REQUEST_URI_RAW', 'REQUEST_LINE', 'REQUEST_METHOD', 'REQUEST_PROTOCOL', 'QUERY_STRING',
  'FILES', 'FILES_NAMES', 'XML', 'MULTIPART_PART_HEADERS', 'RESPONSE_HEADERS', 'RESPONSE_HEADERS_NAMES', 'RESPONSE_BODY',
]);

/** The rule's targets as bits of the group's wide targets (added as needed); 0 past 32 of them. */
function wideMask(
  group: RegexSetGroup,
  targets: readonly CompiledTarget[],
  wide: Map<string, number>,
  answerSlot: (key: string) => number,
  resolveSlotOf: (resolveKey: string) => number,
): number {
  let mask = 0;
  for (const t of targets) {
    let bit = wide.get(t.readKey);
    if (bit === undefined) {
      bit = group.wideTargets.length;
      if (bit >= 32) return 0;
      wide.set(t.readKey, bit);
      const resolveKey = t.readKey;
      group.wideTargets.push({ ...t, exclusions: [], resolveKey, resolveSlot: resolveSlotOf(resolveKey) });
      group.wideAnswerSlots.push(answerSlot(`${group.id}|${resolveKey}`));
    }
    mask |= 1 << bit;
  }
  return mask;
}

function* rulesAndLinks(phase: PhaseProgram): Generator<Rule> {
  for (const starter of phase.rules) for (let r: Rule | null = starter; r; r = r.chain) yield r;
}

/**
 * Assigns every eligible rule (static re2 @rx, not multiMatch, reachable) to the set group of its
 * (phase, transformation chain). A group of one pattern still pays: its literals are looked for
 * by the shared scan, so its regex runs only on values that hold them.
 */
export function groupRegexRules(
  phases: readonly PhaseProgram[],
  resolveSlotOf: (resolveKey: string) => number,
  unreached: ReadonlySet<Rule> | null = null,
): { groups: RegexSetGroup[]; answerSlots: number; targetsSlots: number } {
  const groups: RegexSetGroup[] = [];
  const family = new GroupFamily();
  const slots = new Map<string, number>();
  const slot = (key: string) => slots.get(key) ?? (slots.set(key, slots.size), slots.size - 1);
  const targetsSlots = new Map<string, number>();
  for (const phase of phases) {
    const byChain = new Map<string, Rule[]>();
    for (const rule of rulesAndLinks(phase)) {
      const source = rule.operator.regex?.re2Source;
      // a rule that no path reaches (constant-guards.ts) would only make the sets larger; should it
      // run after all (a host wrote TX), its own regex answers
      if (source === undefined || rule.multiMatch || unreached?.has(rule.starter)) continue;
      const key = rule.transforms.names.join(',').toLowerCase();
      const list = byChain.get(key) ?? [];
      list.push(rule);
      byChain.set(key, list);
    }
    for (const rules of byChain.values()) {
      const group = new RegexSetGroup(groups.length, family);
      groups.push(group);
      group.transforms = rules[0]!.transforms;
      const wide = new Map<string, number>();
      for (const rule of rules) {
        rule.setGroup = group;
        rule.setIndex = group.add(rule.operator.regex!);
        rule.groupSkipable = !rule.negated && rule.targets.every((t) => !t.count && !t.variable.name.startsWith('MATCHED_VAR'));
        rule.answerSlots = rule.targets.map((t) => slot(`${group.id}|${t.resolveKey}`));
        if (rule.groupSkipable && rule.targets.every((t) => PHASE_STABLE.has(t.variable.name))) {
          const key = `${group.id}|${rule.targets.map((t) => t.resolveKey).join('|')}`;
          rule.targetsSlot = targetsSlots.get(key) ?? (targetsSlots.set(key, targetsSlots.size), targetsSlots.size - 1);
          rule.wideMask = wideMask(group, rule.targets, wide, slot, resolveSlotOf);
        }
      }
    }
  }
  return { groups, answerSlots: slots.size, targetsSlots: targetsSlots.size };
}
