import type { ActionDefinition } from './types.js';

/** `logdata:'...'`: the `[data "..."]` of the log entry, macros expanded when the rule logs. */
export default {
  name: 'logdata',
  compile(value, ctx) {
    ctx.rule.logdata = ctx.macro(value ?? '');
  },
} satisfies ActionDefinition;
