import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/** `status:N`: the HTTP status of a deny (or redirect). */
export default {
  name: 'status',
  compile(value, ctx) {
    const n = Number(requireValue('status', value));
    if (!Number.isInteger(n) || n < 100 || n > 999) throw new Error(`invalid status '${value}'`);
    ctx.rule.status = n;
  },
} satisfies ActionDefinition;
