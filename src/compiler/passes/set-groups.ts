import type { CompiledTarget, PhaseProgram, Rule } from '../program.js';
import type { AnswerScope, SetGroup } from './hits.js';
import { LiteralGate, RegexSetGroup } from './regex-sets.js';
import { GroupFamily } from './literal-filter.js';
import { PhraseSetGroup } from './phrase-sets.js';

/**
 * Variables whose values cannot change while a phase runs (rules write none of them), so a
 * group's answers over them hold for the whole phase. Not stores, MATCHED_*, or time; REQUEST_BODY
 * only in a phase without the ctl options that change it (bodyStable).
 */
const PHASE_STABLE = new Set([
  'ARGS', 'ARGS_NAMES', 'ARGS_GET', 'ARGS_GET_NAMES', 'ARGS_POST', 'ARGS_POST_NAMES', 'REQUEST_COOKIES',
  'REQUEST_COOKIES_NAMES', 'REQUEST_HEADERS', 'REQUEST_HEADERS_NAMES', 'REQUEST_FILENAME', 'REQUEST_BASENAME',
  'REQUEST_URI', 'REQUEST_URI_RAW', 'REQUEST_LINE', 'REQUEST_METHOD', 'REQUEST_PROTOCOL', 'QUERY_STRING',
  'FILES', 'FILES_NAMES', 'XML', 'MULTIPART_PART_HEADERS', 'RESPONSE_HEADERS', 'RESPONSE_HEADERS_NAMES', 'RESPONSE_BODY',
]);

/** ctl options after which REQUEST_BODY reads another text (Transaction.requestBodyVariable) */
const BODY_CTLS = new Set(['ctl:forcerequestbodyvariable', 'ctl:requestbodyprocessor']);

/** Whether no rule of the phase runs a ctl that changes REQUEST_BODY (CRS has them in phase 1 only). */
function bodyStable(phase: PhaseProgram): boolean {
  for (const rule of rulesAndLinks(phase)) if (rule.actions.some((a) => BODY_CTLS.has(a.name.toLowerCase()))) return false;
  return true;
}

/** The rule's targets as bits of the group's wide targets (added as needed); 0 past 32 of them. */
function wideMask(
  group: SetGroup,
  targets: readonly CompiledTarget[],
  wide: Map<string, number>,
  answerSlot: (key: string) => number,
  resolveSlotOf: (resolveKey: string) => number,
  entrySlot: (resolveKey: string) => number,
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
      group.wideEntrySlots.push(entrySlot(resolveKey));
    }
    mask |= 1 << bit;
  }
  return mask;
}

/** By target (readKey): the members (setIndex) of the group's rules that read it. */
function scopeMembers(rules: readonly Rule[]): Map<string, number[]> {
  const readers = new Map<string, number[]>();
  for (const rule of rules) {
    for (const t of rule.targets) {
      const members = readers.get(t.readKey) ?? [];
      if (members[members.length - 1] !== rule.setIndex) members.push(rule.setIndex);
      readers.set(t.readKey, members);
    }
  }
  return readers;
}

/** The key's index in `map`, a new one (its size) for a key not seen before. */
function indexIn(map: Map<string, number>, key: string): number {
  let i = map.get(key);
  if (i === undefined) map.set(key, (i = map.size));
  return i;
}

function* rulesAndLinks(phase: PhaseProgram): Generator<Rule> {
  for (const starter of phase.rules) for (let r: Rule | null = starter; r; r = r.chain) yield r;
}

/**
 * Assigns every eligible rule (static re2 @rx, @pm or @pmFromFile; not multiMatch; reachable) to
 * the set group of its (phase, operator kind, transformation chain); a multiMatch @rx gets a
 * LiteralGate instead. A group of one pattern still pays: its literals are looked for by the
 * shared scan, so its regex runs only on values that hold them.
 */
export function groupRules(
  phases: readonly PhaseProgram[],
  resolveSlotOf: (resolveKey: string) => number,
  unreached: ReadonlySet<Rule> | null = null,
): { groups: SetGroup[]; answerSlots: number; answerScopes: AnswerScope[]; targetsSlots: number; wideEntrySlots: number } {
  const groups: SetGroup[] = [];
  const answerScopes: AnswerScope[] = [];
  let answers = 0;
  const family = new GroupFamily();
  const slots = new Map<string, number>();
  const slot = (key: string) => indexIn(slots, key);
  const targetsSlots = new Map<string, number>();
  const entrySlots = new Map<string, number>();
  for (const [n, phase] of phases.entries()) {
    const entrySlot = (resolveKey: string) => indexIn(entrySlots, `${n}|${resolveKey}`);
    const body = bodyStable(phase);
    const stable = (t: CompiledTarget) => PHASE_STABLE.has(t.variable.name) || (body && t.variable.name === 'REQUEST_BODY');
    const byKey = new Map<string, Rule[]>();
    for (const rule of rulesAndLinks(phase)) {
      const kind = rule.operator.regex?.re2Source !== undefined ? 'rx' : rule.operator.phrases !== undefined ? 'pm' : null;
      // a rule that no path reaches (constant-guards.ts) would only make the sets larger; should it
      // run after all (a host wrote TX), its own operator answers
      if (kind === null || unreached?.has(rule.starter)) continue;
      if (rule.multiMatch) {
        if (kind === 'rx') rule.literalGate = new LiteralGate(rule.operator.regex!.re2Source!, family);
        continue;
      }
      const key = `${kind} ${rule.transforms.names.join(',').toLowerCase()}`;
      const list = byKey.get(key) ?? [];
      list.push(rule);
      byKey.set(key, list);
    }
    for (const rules of byKey.values()) {
      const phrases = rules[0]!.operator.phrases;
      const regexGroup = phrases === undefined ? new RegexSetGroup(groups.length, family) : null;
      const phraseGroup = phrases === undefined ? null : new PhraseSetGroup(groups.length, family);
      const group: SetGroup = regexGroup ?? phraseGroup!;
      groups.push(group);
      group.transforms = rules[0]!.transforms;
      const wide = new Map<string, number>();
      for (const rule of rules) {
        rule.setGroup = group;
        rule.setIndex = regexGroup !== null ? regexGroup.add(rule.operator.regex!) : phraseGroup!.add(rule.operator.phrases!);
        rule.groupSkipable = !rule.negated && rule.targets.every((t) => !t.count && !t.variable.name.startsWith('MATCHED_VAR'));
        rule.answerSlots = rule.targets.map((t) => slot(`${group.id}|${t.resolveKey}`));
        if (rule.groupSkipable && rule.targets.every(stable)) {
          const key = `${group.id}|${rule.targets.map((t) => t.resolveKey).join('|')}`;
          rule.targetsSlot = indexIn(targetsSlots, key);
          rule.wideMask = wideMask(group, rule.targets, wide, slot, resolveSlotOf, entrySlot);
        }
      }
      // each answer slot answers for the members whose rules read its target
      const scopes = new Map<string, AnswerScope>();
      const readers = scopeMembers(rules);
      const scopeOf = (readKey: string): AnswerScope => {
        const members = readers.get(readKey)!;
        const signature = members.length === rules.length ? '*' : members.join(',');
        let scope = scopes.get(signature);
        if (scope === undefined) {
          const flags = signature === '*' ? null : new Uint8Array(rules.length);
          if (flags !== null) for (const m of members) flags[m] = 1;
          scopes.set(signature, (scope = { answer: answers++, local: scopes.size, members: flags }));
        }
        return scope;
      };
      for (const rule of rules) rule.targets.forEach((t, i) => (answerScopes[rule.answerSlots[i]!] = scopeOf(t.readKey)));
      group.wideTargets.forEach((t, b) => (answerScopes[group.wideAnswerSlots[b]!] = scopeOf(t.readKey)));
    }
  }
  return { groups, answerSlots: slots.size, answerScopes, targetsSlots: targetsSlots.size, wideEntrySlots: entrySlots.size };
}
