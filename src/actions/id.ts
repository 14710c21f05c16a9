import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/** `id:N`: the rule's unique id, a positive integer. */
export default {
  name: 'id',
  compile(value, ctx) {
    const text = requireValue('id', value).trim();
    if (!/^\d+$/.test(text) || Number(text) === 0) throw new Error(`invalid rule id '${text}'`);
    ctx.rule.id = Number(text);
  },
} satisfies ActionDefinition;
