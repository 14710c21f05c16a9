import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';
import { toInt } from './setvar.js';

/** `expirevar:ip.blocked=60`: the variable of a persistent collection disappears after N seconds. */
export default {
  name: 'expirevar',
  compile(value, ctx) {
    const text = requireValue('expirevar', value).trim();
    const eq = text.indexOf('=');
    const target = eq < 0 ? text : text.slice(0, eq);
    const dot = target.indexOf('.');
    if (dot <= 0) throw new Error(`expirevar: '${target}' is not collection.name`);
    const collection = target.slice(0, dot).toUpperCase();
    const key = ctx.macro(target.slice(dot + 1));
    const seconds = ctx.macro(eq < 0 ? '0' : text.slice(eq + 1));
    return {
      name: 'expirevar',
      run(tx) {
        tx.expireVariable(collection, key.expand(tx), toInt(seconds.expand(tx)));
      },
    };
  },
} satisfies ActionDefinition;
