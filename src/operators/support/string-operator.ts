import type { OperatorDefinition } from '../types.js';
import { macroParam } from './macro-param.js';

/**
 * An operator comparing the value with its (macro-expanded) parameter, as ModSecurity v2's
 * beginsWith/contains/containsWord/endsWith/streq/within do.
 */
export function stringOperator(name: string, match: (value: string, param: string) => boolean): OperatorDefinition {
  return {
    name,
    create(param, env) {
      const resolve = macroParam(env, param);
      return { evaluate: (value, ctx) => match(value, resolve(ctx.scope)) };
    },
  };
}
