import type { DisruptiveKind } from '../compiler/program.js';
import type { ActionDefinition } from './types.js';

/**
 * A disruptive action (deny, drop, block, pass, allow, redirect, proxy, pause): the last one
 * written wins. Chain links may not carry one (ModSecurity rejects it).
 */
export function disruptive(kind: DisruptiveKind, needsValue = false): ActionDefinition {
  return {
    name: kind,
    compile(value, ctx) {
      if (ctx.isChainLink) throw new Error(`disruptive action '${kind}' is only allowed on the first rule of a chain`);
      if (needsValue && (value === null || value === '')) throw new Error(`action '${kind}' needs a value`);
      ctx.rule.writtenDisruptive = kind;
      ctx.rule.disruptive = { kind, param: value };
    },
  };
}
