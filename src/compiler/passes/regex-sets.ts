import RE2 from 're2';
import type { PhaseProgram, Rule } from '../program.js';

/**
 * The @rx patterns of every rule that applies one transformation chain in one phase, as RE2.Set
 * programs: one pass over a transformed value answers for all of them, so a rule whose pattern
 * cannot match is decided without running its own regex. RE2.Set answers exactly what each
 * pattern's own test() would (same translated source), so this is not a heuristic prefilter.
 */
/** The shared answer of a value no pattern matches (the common case): callers test identity. */
export const NO_HITS = new Uint8Array(0);

export class RegexSetGroup {
  readonly sources: string[] = [];
  private sets: Array<{ set: InstanceType<typeof RE2.Set>; offset: number; size: number }> | null = null;

  constructor(readonly id: number) {}

  get size(): number {
    return this.sources.length;
  }

  add(re2Source: string): number {
    this.sources.push(re2Source);
    return this.sources.length - 1;
  }

  /** Marks (1) the index of every pattern that matches the UTF-8 value; NO_HITS when none does. */
  match(utf8: Buffer): Uint8Array {
    let hits: Uint8Array = NO_HITS;
    for (const { set, offset } of (this.sets ??= this.build())) {
      const found = set.match(utf8);
      if (found.length === 0) continue;
      if (hits === NO_HITS) hits = new Uint8Array(this.sources.length);
      for (const i of found) hits[offset + i] = 1;
    }
    return hits;
  }

  /**
   * Built on first use. A set whose combined program exceeds re2's memory budget fails to compile;
   * it is then split in halves until every part fits.
   */
  private build(): Array<{ set: InstanceType<typeof RE2.Set>; offset: number; size: number }> {
    const out: Array<{ set: InstanceType<typeof RE2.Set>; offset: number; size: number }> = [];
    const make = (offset: number, size: number): void => {
      try {
        out.push({ set: new RE2.Set(this.sources.slice(offset, offset + size)), offset, size });
      } catch (e) {
        if (size === 1) throw e;
        const half = size >> 1;
        make(offset, half);
        make(offset + half, size - half);
      }
    };
    make(0, this.sources.length);
    return out;
  }
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

function* rulesAndLinks(phase: PhaseProgram): Generator<Rule> {
  for (const starter of phase.rules) for (let r: Rule | null = starter; r; r = r.chain) yield r;
}

/**
 * Assigns every eligible rule (static re2 @rx, not multiMatch) to the set group of its
 * (phase, transformation chain). Groups of one pattern are left alone: the rule's own regex is
 * as cheap.
 */
export function groupRegexRules(phases: readonly PhaseProgram[]): { groups: RegexSetGroup[]; answerSlots: number; targetsSlots: number } {
  const groups: RegexSetGroup[] = [];
  const slots = new Map<string, number>();
  const slot = (key: string) => slots.get(key) ?? (slots.set(key, slots.size), slots.size - 1);
  const targetsSlots = new Map<string, number>();
  for (const phase of phases) {
    const byChain = new Map<string, Rule[]>();
    for (const rule of rulesAndLinks(phase)) {
      const source = rule.operator.regex?.re2Source;
      if (source === undefined || rule.multiMatch) continue;
      const key = rule.transforms.names.join(',').toLowerCase();
      const list = byChain.get(key) ?? [];
      list.push(rule);
      byChain.set(key, list);
    }
    for (const rules of byChain.values()) {
      if (rules.length < 2) continue;
      const group = new RegexSetGroup(groups.length);
      groups.push(group);
      for (const rule of rules) {
        rule.regexSet = group;
        rule.regexSetIndex = group.add(rule.operator.regex!.re2Source!);
        rule.regexSkipable = !rule.negated && rule.targets.every((t) => !t.count && !t.variable.name.startsWith('MATCHED_VAR'));
        rule.regexAnswerSlots = rule.targets.map((t) => slot(`${group.id}|${t.resolveKey}`));
        if (rule.regexSkipable && rule.targets.every((t) => PHASE_STABLE.has(t.variable.name))) {
          const key = `${group.id}|${rule.targets.map((t) => t.resolveKey).join('|')}`;
          rule.regexTargetsSlot = targetsSlots.get(key) ?? (targetsSlots.set(key, targetsSlots.size), targetsSlots.size - 1);
        }
      }
    }
  }
  return { groups, answerSlots: slots.size, targetsSlots: targetsSlots.size };
}
