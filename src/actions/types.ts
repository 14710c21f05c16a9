import type { Position } from '../seclang/ast.js';
import type { Macro } from '../operators/types.js';
import type { Rule, RuntimeAction, TargetExclusion } from '../compiler/program.js';

/** What an action sees while its rule is compiled. */
export interface ActionContext {
  /** the rule (or chain link) being built; actions fill its fields */
  readonly rule: Rule;
  readonly pos: Position;
  /** true for the second and later links of a chain */
  readonly isChainLink: boolean;
  macro(text: string): Macro;
  /** `t:name`: appends a transformation (`none` clears the list) */
  addTransformation(name: string): void;
  /** Compiles `ARGS:foo` / `REQUEST_COOKIES:/^x/` into an exclusion (ctl:ruleRemoveTarget*). */
  exclusion(text: string): TargetExclusion;
  warn(message: string): void;
}

export interface ActionDefinition {
  /** SecLang name as ModSecurity spells it; looked up case-insensitively */
  readonly name: string;
  /**
   * Applies the action to the rule at load time. Returns a runtime action when the action does
   * something each time the rule matches (setvar, ctl...). Throws an Error on a malformed value.
   */
  compile(value: string | null, ctx: ActionContext): RuntimeAction | void;
}

/** Throws when an action that needs a value has none. */
export function requireValue(name: string, value: string | null): string {
  if (value === null || value === '') throw new Error(`action '${name}' needs a value`);
  return value;
}
