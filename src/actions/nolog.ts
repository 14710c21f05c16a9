import type { ActionDefinition } from './types.js';

/** `nolog`: the match appears in neither the error log nor the audit log. */
export default {
  name: 'nolog',
  compile(_value, ctx) {
    ctx.rule.log = false;
    ctx.rule.auditlog = false;
  },
} satisfies ActionDefinition;
