import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';
import { toInt } from './setvar.js';

/**
 * `deprecatevar:ip.score=60/300`: lowers a persistent counter by N every M seconds. Applied when
 * the rule runs, from the time the variable was last written.
 */
export default {
  name: 'deprecatevar',
  compile(value, ctx) {
    const text = requireValue('deprecatevar', value).trim();
    const m = /^([A-Za-z]+)\.([^=]+)=(\d+)\/(\d+)$/.exec(text);
    if (!m) throw new Error(`deprecatevar: expected collection.name=N/SECONDS, got '${text}'`);
    const collection = m[1]!.toUpperCase();
    const key = ctx.macro(m[2]!);
    const amount = toInt(m[3]!);
    const period = toInt(m[4]!);
    return {
      name: 'deprecatevar',
      run(tx) {
        tx.deprecateVariable(collection, key.expand(tx), amount, period);
      },
    };
  },
} satisfies ActionDefinition;
