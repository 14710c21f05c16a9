/**
 * The compiled rule program: what the compiler produces from the AST and the
 * runtime executes. Everything here is built once at load time.
 */
import type { Macro, Operator } from '../operators/types.js';
import type { Transformation } from '../transformations/types.js';
import type { Entry, VariableDefinition } from '../variables/types.js';
import type { Transaction } from '../engine/transaction.js';
import type { SetGroup } from './passes/hits.js';
import type { LiteralGate } from './passes/regex-sets.js';
import type { RuleSelection } from '../engine/rule-selection.js';
import type { KeyedStore } from '../engine/store.js';
import type { RuleLogText } from '../engine/log-line.js';

/**
 * A transformation chain (`t:urlDecodeUni,t:lowercase`). Every distinct prefix of every chain in
 * the rule set gets a small integer id, so a transaction can cache the result of each prefix for
 * each value and share it between rules.
 */
export interface TransformChain {
  /** `t:` names in order, for logs and grouping */
  readonly names: readonly string[];
  readonly steps: readonly Transformation[];
  /** prefixIds[i] identifies steps[0..i] */
  readonly prefixIds: readonly number[];
  /** acts[i]: the char bits (ActingChars) that make one of steps[0..i] act; a value without any comes out of them unchanged */
  readonly acts: readonly number[];
  /**
   * suffixes[f]: the chain of steps[f..] (interned, so its prefixes have their own ids); [0] is
   * the chain itself. A value that steps before f leave unchanged is transformed by the suffix, and
   * chains that differ only in such steps share the results.
   */
  readonly suffixes: readonly TransformChain[];
}

/** Which keys of a collection a target or an exclusion picks. */
export interface KeySelector {
  /** the selector as written (`foo`, `/^foo/`), for logs */
  readonly text: string;
  /** lower-cased literal key, or null when regex */
  readonly keyLower: string | null;
  /** the regex selector's test of a key (key-pattern.ts), or null when literal */
  readonly keyMatches: ((key: string) => boolean) | null;
}

export interface CompiledTarget {
  readonly variable: VariableDefinition;
  /** null: the whole collection */
  readonly selector: KeySelector | null;
  /** `&ARGS` */
  readonly count: boolean;
  /**
   * The rule's exclusions of this collection (`!ARGS:foo`), settled when compilation ends; a null
   * element excludes the whole collection.
   */
  exclusions: Array<KeySelector | null>;
  /** Identifies (variable, selector): what the target reads before exclusions. */
  readonly readKey: string;
  /**
   * Identifies (variable, selector, exclusions): rules that read the same thing share one
   * resolved list per transaction.
   */
  resolveKey: string;
  /** resolveKey as a small integer: where a transaction keeps the resolved list */
  resolveSlot: number;
}

/** `!ARGS:foo` in a rule, or added by SecRuleUpdateTargetById / ctl:ruleRemoveTarget*. */
export interface TargetExclusion {
  /** upper-cased collection name */
  readonly collection: string;
  /** null excludes the whole collection */
  readonly selector: KeySelector | null;
}

/** A non-disruptive action that runs when its rule (or chain link) matches: setvar, ctl, capture... */
export interface RuntimeAction {
  readonly name: string;
  run(tx: Transaction, rule: Rule): void;
  /** setvar on TX: what it writes, for load-time analyses of TX (passes/constant-guards.ts) */
  readonly txWrite?: TxWrite;
  /** ctl:ruleRemove*: the rules it names, and the collection it removes from them (null: the whole rules) */
  readonly removal?: { readonly selection: RuleSelection; readonly collection: string | null };
}

export interface TxWrite {
  readonly key: Macro;
  readonly op: 'set' | 'add' | 'subtract' | 'delete';
  readonly operand: Macro;
}

/**
 * A rule whose outcome the load-time analysis of TX proved (passes/constant-guards.ts): CRS's
 * paranoia-level guards. `name` and `value` are the MATCHED_VAR_NAME and MATCHED_VAR of a match.
 */
export interface FoldedOutcome {
  readonly matches: boolean;
  readonly name: string;
  readonly value: string;
  /** MATCHED_VARS after a match: one entry (name, value), the same for every transaction */
  readonly vars: Entry[];
}

export type DisruptiveKind = 'deny' | 'drop' | 'block' | 'pass' | 'allow' | 'redirect' | 'proxy' | 'pause';

export interface DisruptiveAction {
  readonly kind: DisruptiveKind;
  /** allow:phase / allow:request, redirect/proxy URL */
  readonly param: string | null;
}

/** One SecRule or SecAction (or one link of a chain). */
export interface Rule {
  /** 0 when the rule has no id (chain links) */
  id: number;
  /** dense number of the rule or link in its configuration (0..ruleCount-1): where per-rule state of a transaction is kept */
  index: number;
  phase: number;
  file: string;
  line: number;
  /** false for SecAction */
  hasOperator: boolean;
  targets: CompiledTarget[];
  exclusions: TargetExclusion[];
  operator: Operator;
  /** for logs: `rx`, `pm`... */
  operatorName: string;
  operatorParam: string;
  negated: boolean;
  transforms: TransformChain;
  multiMatch: boolean;
  capture: boolean;
  /** run on each match, in rule order */
  actions: RuntimeAction[];
  /** the starter's disruptive action (links have none); `block` already resolved per SecDefaultAction */
  disruptive: DisruptiveAction | null;
  /** as written, before resolving `block` */
  writtenDisruptive: DisruptiveKind | null;
  status: number | null;
  msg: Macro | null;
  logdata: Macro | null;
  severity: number | null;
  tags: string[];
  ver: string | null;
  rev: string | null;
  maturity: string | null;
  accuracy: string | null;
  log: boolean;
  auditlog: boolean;
  /** the next link, for chain starters and inner links */
  chain: Rule | null;
  /** the starter of this rule's chain (itself for a starter) */
  starter: Rule;
  /** `skip:N`: number of rules (chains count as one) to skip after a match */
  skip: number;
  /** `skipAfter:label` as written */
  skipAfter: string | null;
  /** where skipAfter continues in the rule's phase: index of the first rule after the marker (rules.length when none follows) */
  skipAfterIndex: number;
  /** the set group deciding this rule's @rx, @pm or @pmFromFile for its transformed values (passes/set-groups.ts), or null */
  setGroup: SetGroup | null;
  setIndex: number;
  /** for a multiMatch @rx (never in a set group): the literals a value needs for the regex to run on it */
  literalGate: LiteralGate | null;
  /**
   * For operators whose answer depends on the value alone (constant parameter): where a value's
   * analysis keeps the answer; rules with the same operator, parameter, chain and capture share
   * it. -1 for others.
   */
  operatorSlot: number;
  /**
   * With an operator slot: the bit of ValueAnalysis.noBits set when the operator's answer on the
   * value after the rule's chain was no; the next bit, when no value a non-negated multiMatch rule
   * saw matched. -1 without a slot.
   */
  noBit: number;
  /** True when the rule can be ruled out from its group's answers alone (non-negated, no counts, no MATCHED_VARS). */
  groupSkipable: boolean;
  /**
   * Per target: the slot holding the OR of the group's answers over that target's values in a
   * transaction; rules of one group that read the same target share the slot.
   */
  answerSlots: number[];
  /**
   * For a skipable rule whose targets all hold the same values for a whole phase (see
   * PHASE_STABLE in passes/set-groups.ts): the slot of the group's answers OR-ed over all its
   * targets, shared by the rules of the group with the same targets. -1 for others.
   */
  targetsSlot: number;
  /**
   * For a rule with a targetsSlot: its targets as bits of its group's wideTargets (0 when
   * they do not all fit in 32). The group's answers OR-ed over the wide targets of the rules
   * reached so far rule out most rules with one look.
   */
  wideMask: number;
  /** the outcome proved at load time, or null (see FoldedOutcome) */
  folded: FoldedOutcome | null;
  /** xmlns:prefix=uri declarations for XML targets */
  xmlns: Array<[string, string]>;
  /** the constant parts of the rule's log lines, null until it first logs */
  logText: RuleLogText | null;
}

/** The rules of one phase, in configuration order, with SecMarker positions. */
export interface PhaseProgram {
  readonly rules: Rule[];
  /** marker label -> indices (positions in `rules` where the marker stands), ascending */
  readonly markers: Map<string, number[]>;
  /** set when compilation ends */
  plan: PhasePlan;
}

/**
 * What rules out each rule of a phase without reading the rule, in arrays by position: the rule
 * loop passes over most rules touching only these few contiguous bytes.
 */
export interface PhasePlan {
  /** Rule.wideMask (0: none) */
  readonly wideMasks: Int32Array;
  /** with a wide mask: the rule's set group id and member index */
  readonly groups: Int32Array;
  readonly setIndexes: Int32Array;
  /** 1 for a rule proved not to match (Rule.folded) */
  readonly foldedOut: Uint8Array;
  /** phase 1: the run of rules that set TX up from constants, with its outcome (passes/tx-preset.ts) */
  readonly txPreset: TxPreset | null;
}

/** The outcome of phase-1 rules [start, end) over an empty TX. */
export interface TxPreset {
  readonly start: number;
  /** where evaluation goes on */
  readonly end: number;
  /** TX after the rules (copied, never written) */
  readonly store: KeyedStore;
  /** Transaction.matchRecords of the chains that matched */
  readonly records: ReadonlyArray<Rule | string>;
  /** MATCHED_VAR_NAME and MATCHED_VAR after the rules, null when none set them */
  readonly matchedVar: { readonly name: string; readonly value: string } | null;
  readonly severity: number | null;
  readonly auditlog: boolean;
}

export function phasePlan(rules: readonly Rule[], txPreset: TxPreset | null): PhasePlan {
  const n = rules.length;
  const plan = { wideMasks: new Int32Array(n), groups: new Int32Array(n), setIndexes: new Int32Array(n), foldedOut: new Uint8Array(n), txPreset };
  rules.forEach((rule, i) => {
    plan.wideMasks[i] = rule.wideMask;
    plan.groups[i] = rule.setGroup?.id ?? -1;
    plan.setIndexes[i] = rule.setIndex;
    plan.foldedOut[i] = rule.folded !== null && !rule.folded.matches ? 1 : 0;
  });
  return plan;
}
