import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type {
  ActionNode, ConfigAst, DirectiveNode, Position, SecRuleNode, SecActionNode, TargetNode,
} from '../seclang/ast.js';
import { SecLangError } from '../seclang/errors.js';
import { parseTargets, KNOWN_OPERATORS, visitConfigFile, visitConfigString, type SourceOptions } from '../seclang/index.js';
import type { Macro, OperatorEnv, Operator } from '../operators/types.js';
import { getOperator } from '../operators/registry.js';
import { ACTING_CHARS, getTransformation } from '../transformations/registry.js';
import type { Transformation } from '../transformations/types.js';
import { getAction } from '../actions/registry.js';
import type { ActionContext } from '../actions/types.js';
import { getVariable } from '../variables/registry.js';
import type { VariableDefinition } from '../variables/types.js';
import { compileMacro } from '../engine/macro.js';
import { compileRegex } from './regex.js';
import { keyPattern } from './key-pattern.js';
import { textMatcher } from './text-matcher.js';
import { parseIdRanges } from './id-ranges.js';
import { applyConfigDirective } from './directives.js';
import { intern } from '../engine/intern.js';
import { OPERATOR_SLOT_STRIDE } from '../engine/value-analysis.js';
import { foldConstantGuards } from './passes/constant-guards.js';
import { txPreset } from './passes/tx-preset.js';
import { groupRules } from './passes/set-groups.js';
import type { AnswerScope, SetGroup } from './passes/hits.js';
import { defaultConfig, type EngineConfig } from './config.js';
import type {
  CompiledTarget, KeySelector, PhaseProgram, Rule, RuntimeAction, TargetExclusion, TransformChain,
} from './program.js';
import { phasePlan } from './program.js';

export interface Diagnostic {
  pos: Position;
  message: string;
}

export interface CompiledConfig {
  config: EngineConfig;
  /** index 1..5; index 0 unused */
  phases: PhaseProgram[];
  /** every chain starter, in configuration order */
  rules: Rule[];
  warnings: Diagnostic[];
  /** operator and variable names used by the rules that are not available, with use counts */
  unavailable: Map<string, number>;
  /** number of distinct transformation-chain prefixes (cache slots per value) */
  transformPrefixCount: number;
  /** number of RE2.Set groups built by the optimisation pass (0 when optimisations are off) */
  setGroupCount: number;
  /** the RE2.Set groups, by id */
  setGroups: SetGroup[];
  /** number of (group, target) answer slots a transaction may fill */
  answerSlots: number;
  /** by answer slot: the group members its target's values are answered for */
  answerScopes: AnswerScope[];
  targetsSlots: number;
  /** SetGroup.wideEntrySlots < wideEntrySlots */
  wideEntrySlots: number;
  /** 32-bit words of ValueAnalysis.noBits (AnswerScope.answer and Rule.noBit + 1 below 32 × noWords) */
  noWords: number;
  /** rules and chain links created (Rule.index < ruleCount) */
  ruleCount: number;
  /** CompiledTarget.resolveSlot < resolveSlots */
  resolveSlots: number;
  /** rules whose outcome was proved at load time (passes/constant-guards.ts) */
  foldedRules: number;
}

export interface CompileOptions {
  /** Optimisation passes (RE2.Set grouping); off gives the plain rule-by-rule program. Default on. */
  optimise?: boolean;
}

/** ModSecurity operators that exist but are not registered here get a warning, not an error. */
const KNOWN_OPERATOR_NAMES = new Set(KNOWN_OPERATORS.map((n) => n.toLowerCase()));

/** Operators whose answer depends only on the value when their parameter holds no macro. */
const PURE_OPERATORS = new Set([
  'rx', 'pm', 'pmf', 'pmfromfile', 'detectsqli', 'detectxss', 'streq', 'contains', 'containsword',
  'beginswith', 'endswith', 'within', 'strmatch', 'validatebyterange', 'validateurlencoding',
  'validateutf8encoding', 'ipmatch', 'ipmatchfromfile', 'ipmatchf',
]);

const NEVER: Operator = { evaluate: () => false };
/** A rule's chain until compilation ends, when every rule gets its interned chain. */
const NO_TRANSFORMS: TransformChain = { names: [], steps: [], prefixIds: [], acts: [], suffixes: [] };
const ALWAYS: Operator = { evaluate: () => true };

function fail(pos: Position, message: string): never {
  throw new SecLangError(message, pos);
}

/** Rethrows an error thrown while compiling one AST node with that node's position. */
function rethrowAt(pos: Position, e: unknown): never {
  if (e instanceof SecLangError) throw e;
  fail(pos, e instanceof Error ? e.message : String(e));
}

/** Runs `fn`, rethrowing its errors at `pos`. */
function at<T>(pos: Position, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    rethrowAt(pos, e);
  }
}

/** Interns transformation chains so that every distinct prefix has one id across the rule set. */
class TransformTable {
  private readonly prefixIds = new Map<string, number>();
  private readonly chains = new Map<string, TransformChain>();

  get prefixCount(): number {
    return this.prefixIds.size;
  }

  chain(names: string[], pos: Position, cfg: EngineConfig): TransformChain {
    const key = names.join(',');
    const known = this.chains.get(key);
    if (known) return known;
    const steps: Transformation[] = [];
    const prefixIds: number[] = [];
    const acts: number[] = [];
    let prefix = '';
    for (const name of names) {
      const def = getTransformation(name);
      if (!def) fail(pos, `unknown transformation '${name}'`);
      steps.push(def.create({ unicodeMap: cfg.unicodeMap }));
      acts.push((acts[acts.length - 1] ?? 0) | ACTING_CHARS.maskOf(def));
      prefix += `${name.toLowerCase()},`;
      let id = this.prefixIds.get(prefix);
      if (id === undefined) this.prefixIds.set(prefix, (id = this.prefixIds.size));
      prefixIds.push(id);
    }
    const suffixes: TransformChain[] = [];
    const chain: TransformChain = { names, steps, prefixIds, acts, suffixes };
    this.chains.set(key, chain);
    suffixes.push(chain);
    for (let f = 1; f < names.length; f++) suffixes.push(this.chain(names.slice(f), pos, cfg));
    return chain;
  }
}

/** What one action sees while it is compiled (a class: CRS compiles some 10,000 actions). */
class RuleActionContext implements ActionContext {
  constructor(
    private readonly compiler: Compiler,
    readonly rule: Rule,
    private readonly transforms: string[],
    readonly pos: Position,
    readonly isChainLink: boolean,
  ) {}

  macro(text: string): Macro {
    return compileMacro(text);
  }

  addTransformation(name: string): void {
    if (name.toLowerCase() === 'none') this.transforms.length = 0;
    else if (!getTransformation(name)) throw new Error(`unknown transformation '${name}'`);
    else this.transforms.push(name);
  }

  exclusion(text: string): TargetExclusion {
    const [target] = parseTargets(text, this.pos);
    if (!target) throw new Error(`invalid target '${text}'`);
    return this.compiler.exclusionOf(target);
  }

  warn(message: string): void {
    this.compiler.warn(this.pos, message);
  }
}

interface RuleDraft {
  rule: Rule;
  transforms: string[];
  pos: Position;
}

type PhaseItem = { rule: Rule } | { marker: string };

/** Compiles a parsed configuration into per-phase rule programs. */
export class Compiler {
  readonly config = defaultConfig();
  constructor(private readonly optimise = true) {}
  private readonly warnings: Diagnostic[] = [];
  private readonly unavailable = new Map<string, number>();
  private readonly transforms = new TransformTable();
  private readonly operatorSlots = new Map<string, number>();
  private readonly resolveSlots = new Map<string, number>();
  private readonly resolveSlotOf = (key: string): number => {
    let slot = this.resolveSlots.get(key);
    if (slot === undefined) this.resolveSlots.set(key, (slot = this.resolveSlots.size));
    return slot;
  };
  private readonly items: PhaseItem[][] = [[], [], [], [], [], []];
  private readonly drafts = new Map<Rule, RuleDraft>();
  private readonly starters: Rule[] = [];
  private readonly ids = new Map<number, Position>();
  /** SecDefaultAction per phase: its action nodes */
  private readonly defaults = new Map<number, ActionNode[]>();
  private chainTail: Rule | null = null;
  private ruleCount = 0;
  /** Rules removed by SecRuleRemoveBy*: dropped when the phases are built, so marker positions stay right. */
  private readonly removed = new Set<Rule>();

  compile(ast: ConfigAst): CompiledConfig {
    for (const d of ast.directives) this.directive(d);
    return this.finish();
  }

  /** Ends compilation once every directive went through `directive`. */
  finish(): CompiledConfig {
    if (this.chainTail) {
      const draft = this.drafts.get(this.chainTail)!;
      fail(draft.pos, 'rule has the chain action but no rule follows it');
    }
    for (const draft of this.drafts.values()) {
      draft.rule.transforms = this.transforms.chain(draft.transforms, draft.pos, this.config);
      settleTargets(draft.rule, this.resolveSlotOf);
      if (this.optimise) this.assignOperatorSlot(draft.rule);
    }
    const phases = this.items.map((items, phase) => this.buildPhase(phase, items));
    const guards = this.optimise ? foldConstantGuards(phases, this.ruleCount) : { folded: 0, unreached: null };
    const setGroups = this.optimise ? groupRules(phases, this.resolveSlotOf, guards.unreached) : { groups: [], answerSlots: 0, answerScopes: [], targetsSlots: 0, wideEntrySlots: 0 };
    const foldedRules = guards.folded;
    // a value's "no" bits: one per answer scope, then two per operator slot
    const scopes = setGroups.answerScopes.reduce((n, s) => Math.max(n, s.answer + 1), 0);
    for (const draft of this.drafts.values()) if (draft.rule.operatorSlot >= 0) draft.rule.noBit = scopes + 2 * draft.rule.operatorSlot;
    phases.forEach((phase, n) => (phase.plan = phasePlan(phase.rules, this.optimise && n === 1 ? txPreset(phase.rules) : null)));
    return {
      config: this.config,
      phases,
      rules: this.starters.filter((r) => !this.removed.has(r)),
      warnings: this.warnings,
      unavailable: this.unavailable,
      transformPrefixCount: this.transforms.prefixCount,
      setGroupCount: setGroups.groups.length,
      setGroups: setGroups.groups,
      answerSlots: setGroups.answerSlots,
      answerScopes: setGroups.answerScopes,
      targetsSlots: setGroups.targetsSlots,
      wideEntrySlots: setGroups.wideEntrySlots,
      noWords: (scopes + 2 * this.operatorSlots.size + 31) >>> 5,
      ruleCount: this.ruleCount,
      resolveSlots: this.resolveSlots.size,
      foldedRules,
    };
  }

  /** Rules whose operator answer depends on the transformed value alone get a slot for it (see engine/value-analysis.ts). */
  private assignOperatorSlot(rule: Rule): void {
    if (!rule.hasOperator || !PURE_OPERATORS.has(rule.operatorName.toLowerCase()) || rule.operatorParam.includes('%{')) return;
    if (rule.transforms.steps.length >= OPERATOR_SLOT_STRIDE) return;
    // the directory too: @pmFromFile names a file relative to the rule's file
    const key = [dirname(rule.file), rule.operatorName.toLowerCase(), rule.operatorParam, rule.transforms.names.join(',').toLowerCase(), rule.capture].join('\u0000');
    let slot = this.operatorSlots.get(key);
    if (slot === undefined) this.operatorSlots.set(key, (slot = this.operatorSlots.size));
    rule.operatorSlot = slot;
  }

  warn(pos: Position, message: string): void {
    this.warnings.push({ pos, message });
  }

  directive(d: DirectiveNode): void {
    if (this.chainTail && d.kind !== 'SecRule') {
      fail(d.pos, `a chained rule must be followed by a SecRule, found ${d.kind}`);
    }
    switch (d.kind) {
      case 'SecRule':
      case 'SecAction':
        this.rule(d);
        return;
      case 'SecMarker':
        for (let p = 1; p <= 5; p++) this.items[p]!.push({ marker: d.label });
        return;
      case 'SecDefaultAction': {
        const phaseNode = d.actions.find((a) => a.name === 'phase');
        if (!phaseNode) fail(d.pos, 'SecDefaultAction must specify a phase');
        const probe = this.newRule(d.pos);
        at(phaseNode.pos, () => getAction('phase')!.compile(phaseNode.value, this.actionContext(probe, [], d.pos, false)));
        for (const a of d.actions) {
          if (['id', 'msg', 'tag', 'rev', 'ver', 'chain', 'skip', 'skipafter', 'logdata', 'severity'].includes(a.name)) {
            fail(a.pos, `action '${a.name}' is not allowed in SecDefaultAction`);
          }
          if (!getAction(a.name)) fail(a.pos, `unknown action '${a.name}'`);
        }
        this.defaults.set(probe.phase, d.actions);
        return;
      }
      case 'SecRuleRemove':
        at(d.pos, () => this.removeRules(d.by, d.args));
        return;
      case 'SecRuleUpdateTarget':
        for (const rule of at(d.pos, () => this.select(d.by, d.selector))) {
          if (d.replaced) {
            const replace = d.replaced.map((t) => `${t.collection}:${t.selector ?? ''}`.toUpperCase());
            rule.targets = rule.targets.filter((t) => !replace.includes(`${t.variable.name}:${t.selector?.text ?? ''}`.toUpperCase()));
          }
          this.addTargets(rule, d.targets);
        }
        return;
      case 'SecRuleUpdateAction': {
        const [idText, offsetText] = d.selector.split(':');
        let rules = at(d.pos, () => this.select('id', idText ?? ''));
        if (offsetText !== undefined) {
          const offset = Number(offsetText);
          rules = rules.map((r) => {
            let link: Rule | null = r;
            for (let i = 0; i < offset && link; i++) link = link.chain;
            if (!link) fail(d.pos, `rule ${r.id} has no chain link ${offset}`);
            return link;
          });
        }
        for (const rule of rules) {
          const draft = this.drafts.get(rule)!;
          for (const a of d.actions) {
            if (a.name === 'id' || a.name === 'phase' || a.name === 'chain') fail(a.pos, `SecRuleUpdateActionById cannot change '${a.name}'`);
            this.applyAction(a, draft, rule !== rule.starter);
          }
          if (rule === rule.starter) this.resolveDisruptive(rule);
        }
        return;
      }
      case 'Config':
        at(d.pos, () => applyConfigDirective(d, this.config));
        return;
    }
  }

  private newRule(pos: Position): Rule {
    // Fields in the order the rule loop reads them: V8 lays an object literal's fields out in its
    // order, so those of one evaluation share a few cache lines of the ~400-byte object.
    const rule: Rule = {
      folded: null, chain: null, hasOperator: true, targets: [], groupSkipable: false,
      transforms: NO_TRANSFORMS, operatorSlot: -1, setGroup: null, multiMatch: false, noBit: -1, negated: false, operator: NEVER, literalGate: null,
      capture: false, actions: [], skipAfter: null, skipAfterIndex: -1, skip: 0, answerSlots: [], setIndex: -1, wideMask: 0,
      targetsSlot: -1, severity: null, auditlog: true, disruptive: null, msg: null, logdata: null, log: true, id: 0,
      phase: 2, starter: null as unknown as Rule, status: null, index: this.ruleCount++, file: pos.file, line: pos.line, exclusions: [],
      operatorName: 'rx', operatorParam: '', writtenDisruptive: null,
      tags: [], ver: null, rev: null, maturity: null, accuracy: null, xmlns: [], logText: null,
    };
    rule.starter = rule;
    return rule;
  }

  private rule(node: SecRuleNode | SecActionNode): void {
    const link = this.chainTail;
    const rule = this.newRule(node.pos);
    const draft: RuleDraft = { rule, transforms: [], pos: node.pos };
    this.drafts.set(rule, draft);
    if (link) {
      rule.starter = link.starter;
      rule.phase = link.starter.phase;
    } else {
      const phaseNode = node.actions.find((a) => a.name === 'phase');
      if (phaseNode) this.applyAction(phaseNode, draft, false);
      // SecDefaultAction of the rule's phase comes first; the rule's own actions override it.
      for (const a of this.defaults.get(rule.phase) ?? []) if (a.name !== 'phase') this.applyAction(a, draft, false);
      rule.writtenDisruptive = null;
    }
    for (const a of node.actions) {
      if (a.name === 'phase' && !link) continue;
      if (link && a.name === 'phase') fail(a.pos, 'a chain link cannot set the phase');
      this.applyAction(a, draft, link !== null);
    }
    if (!link) {
      if (rule.id === 0) fail(node.pos, 'rule has no id action');
      const seen = this.ids.get(rule.id);
      if (seen) fail(node.pos, `rule id ${rule.id} is already used at ${seen.file}:${seen.line}`);
      this.ids.set(rule.id, node.pos);
      this.resolveDisruptive(rule);
    } else if (node.actions.some((a) => a.name === 'id')) {
      fail(node.pos, 'a chain link cannot have an id');
    }
    if (node.kind === 'SecRule') {
      this.addTargets(rule, node.targets);
      this.operator(rule, node);
    } else {
      rule.hasOperator = false;
      rule.operator = ALWAYS;
      rule.operatorName = 'unconditionalMatch';
    }
    const wantsChain = rule.chain === rule;
    rule.chain = null;
    if (link) link.chain = rule;
    else {
      this.starters.push(rule);
      this.items[rule.phase]!.push({ rule });
    }
    this.chainTail = wantsChain ? rule : null;
  }

  /** `block` (or no disruptive action) takes the SecDefaultAction's disruptive action of the phase. */
  private resolveDisruptive(rule: Rule): void {
    if (rule.writtenDisruptive !== null && rule.writtenDisruptive !== 'block') return;
    const defaults = this.defaults.get(rule.phase) ?? [];
    const kinds = ['deny', 'drop', 'pass', 'allow', 'redirect', 'proxy'];
    const def = [...defaults].reverse().find((a) => kinds.includes(a.name));
    const status = defaults.find((a) => a.name === 'status');
    if (def) rule.disruptive = { kind: def.name as 'deny', param: def.value };
    else rule.disruptive = { kind: 'pass', param: null };
    if (rule.status === null && status?.value) rule.status = Number(status.value);
  }

  private actionContext(rule: Rule, transforms: string[], pos: Position, isChainLink: boolean): ActionContext {
    return new RuleActionContext(this, rule, transforms, pos, isChainLink);
  }

  private applyAction(a: ActionNode, draft: RuleDraft, isChainLink: boolean): void {
    const def = getAction(a.name);
    if (!def) fail(a.pos, `unknown action '${a.name}'`);
    let runtime: RuntimeAction | void;
    // No `at` closure here: CRS compiles some 10,000 actions.
    try {
      runtime = def.compile(a.value, this.actionContext(draft.rule, draft.transforms, a.pos, isChainLink));
    } catch (e) {
      rethrowAt(a.pos, e);
    }
    if (runtime) draft.rule.actions.push(runtime);
  }

  private selector(t: TargetNode): KeySelector | null {
    if (t.selector === null || t.selector === '') return null;
    if (t.selectorIsRegex) {
      return { text: `/${t.selector}/`, keyLower: null, keyMatches: at(t.pos, () => keyPattern(t.selector!)) };
    }
    return { text: t.selector, keyLower: intern(t.selector.toLowerCase()), keyMatches: null };
  }

  exclusionOf(t: TargetNode): TargetExclusion {
    return { collection: t.collection.toUpperCase(), selector: this.selector(t) };
  }

  private variable(t: TargetNode): VariableDefinition | null {
    const v = getVariable(t.collection);
    if (v) return v;
    this.warn(t.pos, `variable ${t.collection} is not available; the target never matches`);
    this.unavailable.set(`variable ${t.collection}`, (this.unavailable.get(`variable ${t.collection}`) ?? 0) + 1);
    return null;
  }

  private addTargets(rule: Rule, targets: TargetNode[]): void {
    for (const t of targets) {
      if (t.negated) {
        rule.exclusions.push(this.exclusionOf(t));
        continue;
      }
      const variable = this.variable(t);
      if (!variable) continue;
      let target: CompiledTarget;
      if (variable.compileSelector && t.selector) {
        const read = at(t.pos, () => variable.compileSelector!(t.selector!));
        // the reader compiled from a selector (XPath) depends on the selector text alone
        const readKey = `${variable.name}\u0000${t.selector}`;
        target = { variable: { ...variable, read, compileSelector: undefined }, selector: null, count: t.count, exclusions: [], readKey, resolveKey: '', resolveSlot: -1 };
      } else {
        if (t.selector && !variable.collection) fail(t.pos, `variable ${t.collection} is not a collection and takes no selector`);
        const selector = this.selector(t);
        const readKey = `${variable.name}\u0000${selector?.text ?? ''}`;
        target = { variable, selector, count: t.count, exclusions: [], readKey, resolveKey: '', resolveSlot: -1 };
      }
      rule.targets.push(target);
    }
  }

  private operator(rule: Rule, node: SecRuleNode): void {
    const op = node.operator;
    rule.operatorName = op.name;
    rule.operatorParam = op.param;
    rule.negated = op.negated;
    const def = getOperator(op.name);
    if (!def) {
      if (!KNOWN_OPERATOR_NAMES.has(op.name.toLowerCase())) fail(op.pos, `unknown operator '@${op.name}'`);
      this.warn(op.pos, `operator @${op.name} is not implemented yet; the rule never matches`);
      this.unavailable.set(`operator @${op.name}`, (this.unavailable.get(`operator @${op.name}`) ?? 0) + 1);
      rule.operator = NEVER;
      return;
    }
    const baseDir = dirname(node.pos.file);
    const env: OperatorEnv = {
      baseDir,
      readFile: (path) => readFileSync(resolve(baseDir, path), 'latin1'),
      macro: compileMacro,
      warn: (message) => {
        this.warn(op.pos, message);
        // Only operators that cannot work here count as unavailable (not, say, a JS-fallback regex).
        if (message.includes('unavailable')) {
          this.unavailable.set(`operator @${op.name}`, (this.unavailable.get(`operator @${op.name}`) ?? 0) + 1);
        }
      },
    };
    rule.operator = at(op.pos, () => def.create(op.param, env));
  }

  private select(by: 'id' | 'tag' | 'msg', text: string): Rule[] {
    if (by === 'id') {
      const ranges = parseIdRanges(text);
      return this.starters.filter((r) => ranges.has(r.id));
    }
    const matches = textMatcher(text);
    if (by === 'tag') return this.starters.filter((r) => r.tags.some(matches));
    return this.starters.filter((r) => r.msg?.constant != null && matches(r.msg.constant));
  }

  private removeRules(by: 'id' | 'tag' | 'msg', args: string[]): void {
    const doomed = new Set<Rule>();
    for (const arg of args) for (const r of this.select(by, arg)) doomed.add(r);
    for (const r of doomed) this.removed.add(r);
  }

  private buildPhase(phase: number, items: PhaseItem[]): PhaseProgram {
    const rules: Rule[] = [];
    const markers = new Map<string, number[]>();
    for (const item of items) {
      if ('marker' in item) {
        const list = markers.get(item.marker) ?? [];
        list.push(rules.length);
        markers.set(item.marker, list);
      } else if (!this.removed.has(item.rule)) {
        rules.push(item.rule);
      }
    }
    rules.forEach((rule, index) => {
      if (!rule.skipAfter) return;
      const at = markers.get(rule.skipAfter)?.find((m) => m > index);
      if (at !== undefined) {
        rule.skipAfterIndex = at;
        return;
      }
      const byId = rules.findIndex((r, i) => i > index && String(r.id) === rule.skipAfter);
      if (byId >= 0) rule.skipAfterIndex = byId + 1;
      else {
        rule.skipAfterIndex = rules.length;
        if (phase > 0) this.warn({ file: rule.file, line: rule.line, column: 1 }, `skipAfter:${rule.skipAfter}: no marker follows rule ${rule.id} in phase ${phase}`);
      }
    });
    return { rules, markers, plan: phasePlan([], null) };
  }
}

/**
 * Attaches each rule's exclusions to the targets they concern and gives every target a key that
 * identifies what it reads after them, and the slot of that key.
 */
function settleTargets(rule: Rule, slotOf: (key: string) => number): void {
  for (const t of rule.targets) {
    t.exclusions = rule.exclusions.filter((x) => x.collection === t.variable.name).map((x) => x.selector);
    t.resolveKey = [t.readKey, ...t.exclusions.map((x) => x?.text ?? '*')].join('\u0000');
    t.resolveSlot = slotOf(t.resolveKey);
  }
}

export function compileConfig(ast: ConfigAst, options: CompileOptions = {}): CompiledConfig {
  return new Compiler(options.optimise ?? true).compile(ast);
}

/**
 * Compiles each directive as the parser hands it over (`read` runs the parser with a visitor), so
 * that no AST outlives its directive. The outcome is that of parsing everything first: a parse
 * error anywhere wins over a compile error, which is therefore held until the parser is done.
 */
function compileAsParsed(read: (visit: (d: DirectiveNode) => void) => void, options: CompileOptions): CompiledConfig {
  const compiler = new Compiler(options.optimise ?? true);
  let failed = false;
  let failure: unknown;
  read((d) => {
    if (failed) return;
    try {
      compiler.directive(d);
    } catch (e) {
      failed = true;
      failure = e;
    }
  });
  if (failed) throw failure;
  return compiler.finish();
}

/** parseConfigFile + compileConfig, without keeping the AST. */
export function compileConfigFile(file: string, options: CompileOptions = {}): CompiledConfig {
  return compileAsParsed((visit) => visitConfigFile(file, visit), options);
}

/** parseConfigString + compileConfig, without keeping the AST. */
export function compileConfigString(text: string, source: SourceOptions, options: CompileOptions = {}): CompiledConfig {
  return compileAsParsed((visit) => visitConfigString(text, source, visit), options);
}
