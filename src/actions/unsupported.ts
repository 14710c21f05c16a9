import type { ActionDefinition } from './types.js';

/**
 * Actions that only make sense inside a web server or with external programs (exec, append,
 * prepend). They load, and `lint` says they have no effect.
 */
export function unsupported(name: string, why: string): ActionDefinition {
  return {
    name,
    compile(_value, ctx) {
      ctx.warn(`action '${name}' has no effect in portcullis: ${why}`);
    },
  };
}
