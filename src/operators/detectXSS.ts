import type { OperatorDefinition } from './types.js';
import { detectXSS } from './libinjection/index.js';

/** `@detectXSS`: libinjection's cross-site scripting check. */
export default {
  name: 'detectXSS',
  create() {
    // The parameter is ignored, as in ModSecurity.
    return {
      evaluate(value) {
        return detectXSS(value);
      },
    };
  },
} satisfies OperatorDefinition;
