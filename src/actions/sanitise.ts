import type { ActionDefinition } from './types.js';

/**
 * sanitiseArg / sanitiseMatched / sanitiseMatchedBytes / sanitiseRequestHeader /
 * sanitiseResponseHeader: values to mask in the audit log. The transaction records what to mask;
 * the audit log writer applies it.
 */
export function sanitise(name: string, what: 'arg' | 'matched' | 'requestHeader' | 'responseHeader'): ActionDefinition {
  return {
    name,
    compile(value, ctx) {
      const target = value === null ? null : ctx.macro(value);
      return {
        name,
        run(tx) {
          tx.sanitise(what, what === 'matched' ? tx.matchedVarName : target?.expand(tx) ?? '');
        },
      };
    },
  };
}
