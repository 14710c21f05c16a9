import { parsePmContent } from './support/pm-content.js';
import type { OperatorDefinition } from './types.js';

/**
 * @strmatch: case-sensitive substring search for one string, written with @pm's content syntax
 * (`|hex|`, `\` escapes, optional quotes).
 */
export default {
  name: 'strmatch',
  create(param) {
    const needle = parsePmContent(param);
    if (needle === null) throw new Error(`strmatch: invalid or empty parameter ${JSON.stringify(param)}`);
    return { evaluate: (value) => value.includes(needle) };
  },
} satisfies OperatorDefinition;
