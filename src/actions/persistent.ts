import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

/**
 * Opens a persistent collection for the transaction, keyed by a macro-expanded value:
 * `initcol:ip=%{REMOTE_ADDR}`, and the setsid/setuid/setrsc shorthands.
 */
export function openCollection(actionName: string, fixed: string | null): ActionDefinition {
  return {
    name: actionName,
    compile(value, ctx) {
      const text = requireValue(actionName, value).trim();
      let collection = fixed;
      let keyText = text;
      if (collection === null) {
        const eq = text.indexOf('=');
        if (eq <= 0) throw new Error(`${actionName}: expected collection=key`);
        collection = text.slice(0, eq).trim().toUpperCase();
        keyText = text.slice(eq + 1);
      }
      const name = collection;
      const key = ctx.macro(keyText);
      return {
        name: actionName,
        run(tx) {
          tx.openPersistentCollection(name, key.expand(tx));
        },
      };
    },
  };
}
