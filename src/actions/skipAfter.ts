import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/** `skipAfter:LABEL`: after a match, continue after the SecMarker (or rule id) LABEL. */
export default {
  name: 'skipAfter',
  compile(value, ctx) {
    ctx.rule.skipAfter = requireValue('skipAfter', value).trim();
  },
} satisfies ActionDefinition;
