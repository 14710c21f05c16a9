import type { ActionDefinition } from './types.js';

/**
 * `chain`: the next SecRule is a link of this rule. The compiler links them; here we only note it
 * on a placeholder so the compiler can see the rule asked for a continuation.
 */
export default {
  name: 'chain',
  compile(_value, ctx) {
    ctx.rule.chain = ctx.rule;
  },
} satisfies ActionDefinition;
