import type { MacroScope, OperatorEnv } from '../types.js';

/**
 * A parameter that may hold `%{...}` macros, resolved per evaluation. A constant parameter is
 * resolved once, at load time.
 */
export type ParamResolver = (scope: MacroScope) => string;

export function macroParam(env: OperatorEnv, param: string): ParamResolver {
  const macro = env.macro(param);
  const constant = macro.constant;
  return constant !== null ? () => constant : (scope) => macro.expand(scope);
}
