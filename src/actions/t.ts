import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/** `t:name`: append a transformation to the rule's chain; `t:none` clears it. */
export default {
  name: 't',
  compile(value, ctx) {
    ctx.addTransformation(requireValue('t', value).trim());
  },
} satisfies ActionDefinition;
