import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/** `setenv:name=value`: sets an ENV variable of the transaction (`!name` unsets it). */
export default {
  name: 'setenv',
  compile(value, ctx) {
    const text = requireValue('setenv', value).trim();
    const remove = text.startsWith('!');
    const body = remove ? text.slice(1) : text;
    const eq = body.indexOf('=');
    const name = ctx.macro(eq < 0 ? body : body.slice(0, eq));
    const val = ctx.macro(eq < 0 ? '1' : body.slice(eq + 1));
    return {
      name: 'setenv',
      run(tx) {
        const key = name.expand(tx);
        if (remove) tx.deleteVariable('ENV', key);
        else tx.setVariable('ENV', key, val.expand(tx));
      },
    };
  },
} satisfies ActionDefinition;
