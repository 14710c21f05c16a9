import type { OperatorDefinition } from './types.js';
import { detectSQLi } from './libinjection/index.js';

/** `@detectSQLi`: libinjection's SQL injection check; with `capture`, TX:0 is the fingerprint. */
export default {
  name: 'detectSQLi',
  create() {
    // The parameter is ignored, as in ModSecurity.
    return {
      evaluate(value, ctx) {
        const { isInjection, fingerprint } = detectSQLi(value);
        if (isInjection && ctx.captures !== null) ctx.captures[0] = fingerprint;
        return isInjection;
      },
    };
  },
} satisfies OperatorDefinition;
