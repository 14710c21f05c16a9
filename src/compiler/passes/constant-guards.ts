import type { Macro, MatchContext, MacroScope } from '../../operators/types.js';
import type { PhaseProgram, Rule, TxWrite } from '../program.js';
import { toInt } from '../../actions/setvar.js';

/**
 * Proves at load time the outcome of rules that test one TX variable against a constant, when
 * every path through the rules that can precede them gives that variable one value. CRS starts
 * each of its files with such guards (`SecRule TX:DETECTION_PARANOIA_LEVEL "@lt 2"
 * "skipAfter:..."`), about 120 per request, and its setup rules set the paranoia level from
 * constants: the guards are then decided once per rule set instead of once per request.
 *
 * The analysis follows the phases in order, from the empty TX of a new transaction, over an
 * abstract TX: each key has a known value, is known absent, or is unknown. A rule whose outcome it
 * cannot decide may or may not match: its writes make their keys unknown (a key built from a
 * macro, every key with its constant prefix), and each place its skip, skipAfter, allow or
 * disruptive action can lead to gets the state as it may be there (states meet by keeping what
 * they agree on). Decisions are dropped altogether when a ctl:ruleRemove* action could remove a
 * decided rule or a rule that writes TX. The engine uses them only while TX has been written by
 * rules alone and the phases ran in order (Transaction.runPhase).
 */

/** Operators whose answer on a value depends on the value and their constant parameter alone. */
const DECIDABLE = new Set(['eq', 'ge', 'gt', 'le', 'lt', 'streq']);

const UNKNOWN = Symbol('unknown');
/** A key's entry: its name as first written and its value; null when absent. */
type Known = { readonly key: string; readonly value: string } | null;
type Abstract = Known | typeof UNKNOWN;

export class TxState {
  private constructor(
    private readonly values: Map<string, Abstract>,
    /** what keys not in `values` are */
    private rest: null | typeof UNKNOWN,
    /** keys with these (lower-case) prefixes are unknown */
    private readonly unknownPrefixes: string[],
  ) {}

  static empty(): TxState {
    return new TxState(new Map(), null, []);
  }

  clone(): TxState {
    return new TxState(new Map(this.values), this.rest, [...this.unknownPrefixes]);
  }

  get(lower: string): Abstract {
    const v = this.values.get(lower);
    if (v !== undefined) return v;
    return this.unknownPrefixes.some((p) => lower.startsWith(p)) ? UNKNOWN : this.rest;
  }

  set(lower: string, v: Abstract): void {
    this.values.set(lower, v);
  }

  forgetPrefix(prefix: string): void {
    if (prefix === '') {
      this.values.clear();
      this.rest = UNKNOWN;
      return;
    }
    for (const k of this.values.keys()) if (k.startsWith(prefix)) this.values.set(k, UNKNOWN);
    this.unknownPrefixes.push(prefix);
  }

  /** The entries in first-write order when every key is known (none deleted), else null. */
  knownEntries(): Array<{ key: string; value: string }> | null {
    if (this.rest !== null || this.unknownPrefixes.length !== 0) return null;
    const out: Array<{ key: string; value: string }> = [];
    for (const v of this.values.values()) {
      if (v === UNKNOWN || v === null) return null;
      out.push(v);
    }
    return out;
  }

  /** What both states agree on. */
  static meet(a: TxState | null, b: TxState | null): TxState | null {
    if (a === null) return b;
    if (b === null) return a;
    const out = new TxState(new Map(), a.rest === b.rest ? a.rest : UNKNOWN, [...new Set([...a.unknownPrefixes, ...b.unknownPrefixes])]);
    for (const k of new Set([...a.values.keys(), ...b.values.keys()])) {
      const x = a.get(k);
      const y = b.get(k);
      out.values.set(k, x === y || (x !== UNKNOWN && y !== UNKNOWN && x !== null && y !== null && x.key === y.key && x.value === y.value) ? x : UNKNOWN);
    }
    return out;
  }
}

class Unknown extends Error {}

/** Macro references read from the abstract TX; Unknown is thrown for anything not known. */
function scopeOf(state: TxState): MacroScope {
  return {
    lookup(collection, key) {
      if (collection !== 'TX' || key === null) throw new Unknown();
      const v = state.get(key.toLowerCase());
      if (v === UNKNOWN) throw new Unknown();
      return v === null ? '' : v.value;
    },
  };
}

/** Expands a macro over the abstract TX; throws Unknown when it reads anything not known. */
function expand(m: Macro, state: TxState): string {
  return m.constant ?? m.expand(scopeOf(state));
}

/** The text of a macro before its first reference. */
function constantPrefix(m: Macro): string {
  if (m.constant !== null) return m.constant;
  const marker = '\uffff';
  const text = m.expand({ lookup: () => marker });
  return text.slice(0, text.indexOf(marker));
}

/** Applies a TX write; `certain` false when the write may or may not happen. */
export function write(w: TxWrite, state: TxState, certain: boolean): void {
  let name: string;
  try {
    name = expand(w.key, state);
  } catch (e) {
    if (!(e instanceof Unknown)) throw e;
    state.forgetPrefix(constantPrefix(w.key).toLowerCase());
    return;
  }
  const lower = name.toLowerCase();
  const old = state.get(lower);
  let next: Abstract = UNKNOWN;
  try {
    if (w.op === 'delete') next = null;
    else if (old !== UNKNOWN) {
      const operand = expand(w.operand, state);
      const value = w.op === 'set' ? operand : String(toInt(old?.value ?? '0') + (w.op === 'add' ? 1 : -1) * toInt(operand));
      // a store keeps the name of a key's first write
      next = { key: old?.key ?? name, value };
    }
  } catch (e) {
    if (!(e instanceof Unknown)) throw e;
  }
  if (!certain) next = TxState.meet(stateOf(lower, old), stateOf(lower, next))!.get(lower);
  state.set(lower, next);
}

function stateOf(lower: string, v: Abstract): TxState {
  const s = TxState.empty();
  s.set(lower, v);
  return s;
}

/** The effects of a rule that matched (certain) or may have matched on TX. */
function applyMatch(starter: Rule, state: TxState, certain: boolean): void {
  for (let link: Rule | null = starter; link; link = link.chain) {
    // a link's actions run only when the links before it matched
    const sure = certain && link === starter;
    if (link.capture) for (let d = 0; d <= 9; d++) state.set(String(d), UNKNOWN);
    for (const a of link.actions) if (a.txWrite) write(a.txWrite, state, sure);
  }
}

/** The rule's outcome over the state: true, false, or undefined when it depends on the request. */
export function decide(rule: Rule, state: TxState): boolean | undefined {
  if (!rule.hasOperator) return rule.chain === null ? true : undefined;
  const entry = guardEntry(rule, state);
  if (entry === undefined) return undefined;
  if (entry === null) return false;
  let verdict: boolean;
  try {
    // a parameter with macros (`@lt %{tx.blocking_paranoia_level}`) reads the abstract TX
    verdict = rule.operator.evaluate(entry.value, decideContext(entry.value, state)) !== rule.negated;
  } catch (e) {
    if (!(e instanceof Unknown)) throw e;
    return undefined;
  }
  // a chain matches only if its links do: only a starter that cannot match decides the chain
  return rule.chain === null || !verdict ? verdict : undefined;
}

/** The entry the rule's one TX target gives (null: none), or undefined when not a guard or not known. */
export function guardEntry(rule: Rule, state: TxState): { name: string; value: string } | null | undefined {
  if (rule.targets.length !== 1 || rule.multiMatch || rule.capture) return undefined;
  if (!DECIDABLE.has(rule.operatorName.toLowerCase())) return undefined;
  const t = rule.targets[0]!;
  const key = t.selector?.keyLower;
  if (t.variable.name !== 'TX' || key == null || t.exclusions.length !== 0) return undefined;
  const v = state.get(key);
  if (v === UNKNOWN) return undefined;
  if (t.count) return { name: 'TX', value: v === null ? '0' : '1' };
  if (v === null) return null;
  // transformations are pure: the known value is transformed here as each request would (CRS 901350: t:urlDecodeUni)
  let value = v.value;
  for (const step of rule.transforms.steps) value = step(value);
  return { name: `TX:${v.key}`, value };
}

function decideContext(value: string, state: TxState): MatchContext {
  return {
    captures: null,
    scope: scopeOf(state),
    utf8: () => Buffer.from(value, 'utf8'),
  };
}

/**
 * Sets Rule.folded on the rules whose outcome is proved (see above). `phases` holds the rules
 * of phases 1 to 5 (index 0 unused); `ruleCount` sizes rule selections. Returns how many rules
 * were decided and the rules no path reaches while the decisions hold (CRS's rules above the
 * paranoia level), or null for those when the decisions were dropped.
 */
export function foldConstantGuards(phases: readonly PhaseProgram[], ruleCount: number): { folded: number; unreached: Set<Rule> | null } {
  const folded: Rule[] = [];
  const unreached = new Set<Rule>();
  /** rules whose removal at runtime would change the paths: the decided ones (others may or may not match anyway) */
  const decided: Rule[] = [];
  /** states that reach the start of a phase from elsewhere than the end of the one before */
  const toPhase: Array<TxState | null> = [null, null, null, null, null, null];
  /** every state at a phase's start or end: a host may end request processing at any of them, phase 5 still runs */
  let anyBoundary: TxState | null = null;
  let state: TxState | null = TxState.empty();
  for (let phase = 1; phase <= 5; phase++) {
    state = TxState.meet(state, toPhase[phase]!);
    if (phase === 5) state = TxState.meet(state, anyBoundary);
    else anyBoundary = TxState.meet(anyBoundary, state);
    const rules = phases[phase]?.rules ?? [];
    const pending = new Map<number, TxState | null>();
    const jump = (to: number, s: TxState) => {
      const at = Math.min(to, rules.length);
      pending.set(at, TxState.meet(pending.get(at) ?? null, s));
    };
    for (let i = 0; i < rules.length; i++) {
      state = TxState.meet(state, pending.get(i) ?? null);
      const rule = rules[i]!;
      if (state === null) {
        unreached.add(rule);
        continue;
      }
      const outcome = decide(rule, state);
      if (outcome !== undefined) decided.push(rule);
      if (outcome !== undefined && rule.hasOperator) {
        const entry = guardEntry(rule, state);
        const name = entry?.name ?? '';
        const value = entry?.value ?? '';
        rule.folded = { matches: outcome, name, value, vars: [{ key: name, value }] };
        folded.push(rule);
      }
      if (outcome === false) continue;
      const after = state.clone();
      applyMatch(rule, after, outcome === true);
      let continues = true;
      if (rule.skipAfter !== null) {
        jump(rule.skipAfterIndex, after);
        continues = false;
      } else if (rule.skip > 0) {
        jump(i + 1 + rule.skip, after);
        continues = false;
      }
      const d = rule.disruptive;
      if (d?.kind === 'allow') {
        const scope = d.param?.toLowerCase();
        // allow:phase ends the phase; allow:request the request phases; allow all but logging
        if (scope === 'phase' || (scope === 'request' && phase >= 3)) jump(rules.length, after);
        else if (scope === 'request') toPhase[3] = TxState.meet(toPhase[3]!, after);
        else toPhase[5] = TxState.meet(toPhase[5]!, after);
        continues = false;
      } else if (d !== null && d.kind !== 'pass') {
        // an intervention ends the phases but the logging one (in DetectionOnly, nothing ends)
        toPhase[5] = TxState.meet(toPhase[5]!, after);
      }
      const matchedPath = continues ? after : null;
      state = outcome === true ? matchedPath : TxState.meet(state, matchedPath);
    }
    state = TxState.meet(state, pending.get(rules.length) ?? null);
    if (phase < 5) anyBoundary = TxState.meet(anyBoundary, state);
  }
  if (removable(phases, folded, decided, ruleCount)) {
    for (const r of folded) r.folded = null;
    return { folded: 0, unreached: null };
  }
  return { folded: folded.length, unreached };
}

/**
 * Whether some ctl:ruleRemove* could change what a decided rule sees: by removing a TX target from
 * a decided rule, or by removing a decided rule (later rules then see TX as it was without it)
 * while a decided rule stays. Removing an undecided rule is no different from its not matching. Removing every rule of the set at once, as
 * CRS's sampling and localhost exclusions do (ctl:ruleRemoveByTag=OWASP_CRS), leaves the decided
 * rules nothing to see: the engine checks removals before it uses a decision.
 */
function removable(phases: readonly PhaseProgram[], folded: readonly Rule[], decided: readonly Rule[], ruleCount: number): boolean {
  for (const phase of phases) {
    for (const starter of phase?.rules ?? []) {
      for (let link: Rule | null = starter; link; link = link.chain) {
        for (const a of link.actions) {
          const removal = a.removal;
          if (!removal) continue;
          const named = (r: Rule) => removal.selection.has(r, ruleCount);
          if (removal.collection === 'TX' && decided.some(named)) return true;
          if (removal.collection === null && folded.some((r) => !named(r)) && decided.some(named)) return true;
        }
      }
    }
  }
  return false;
}
