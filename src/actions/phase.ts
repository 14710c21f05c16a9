import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

const NAMED: Record<string, number> = { request: 2, response: 4, logging: 5 };

/** `phase:1..5` (or request, response, logging). */
export default {
  name: 'phase',
  compile(value, ctx) {
    const text = requireValue('phase', value).trim().toLowerCase();
    const phase = NAMED[text] ?? Number(text);
    if (!Number.isInteger(phase) || phase < 1 || phase > 5) throw new Error(`invalid phase '${value}'`);
    ctx.rule.phase = phase;
  },
} satisfies ActionDefinition;
