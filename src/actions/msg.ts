import type { ActionDefinition } from './types.js';

/** `msg:'...'`: the log message, macros expanded when the rule logs. */
export default {
  name: 'msg',
  compile(value, ctx) {
    ctx.rule.msg = ctx.macro(value ?? '');
  },
} satisfies ActionDefinition;
