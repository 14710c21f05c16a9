import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/** `xmlns:prefix=uri`: a namespace prefix for the rule's XML XPath targets. */
export default {
  name: 'xmlns',
  compile(value, ctx) {
    const text = requireValue('xmlns', value);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new Error(`xmlns: expected prefix=uri, got '${text}'`);
    ctx.rule.xmlns.push([text.slice(0, eq), text.slice(eq + 1)]);
  },
} satisfies ActionDefinition;
