import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/** `skip:N`: after a match, skip the next N rules (a chain counts as one). */
export default {
  name: 'skip',
  compile(value, ctx) {
    const n = Number(requireValue('skip', value));
    if (!Number.isInteger(n) || n < 1) throw new Error(`invalid skip count '${value}'`);
    ctx.rule.skip = n;
  },
} satisfies ActionDefinition;
