import type { Rule } from '../compiler/program.js';
import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

type TextField = 'ver' | 'rev' | 'maturity' | 'accuracy';

/** An action that only records a text on the rule (ver, rev, maturity, accuracy). */
export function textMetadata(name: string, field: TextField): ActionDefinition {
  return {
    name,
    compile(value, ctx) {
      (ctx.rule as Pick<Rule, TextField>)[field] = requireValue(name, value);
    },
  };
}

type Flag = 'log' | 'auditlog' | 'capture' | 'multiMatch';

/** An action that sets or clears a flag of the rule (log/nolog, capture, multiMatch...). */
export function flag(name: string, field: Flag, on: boolean): ActionDefinition {
  return {
    name,
    compile(_value, ctx) {
      ctx.rule[field] = on;
    },
  };
}
