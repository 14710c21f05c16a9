import { ipSetOf } from './ipMatch.js';
import { readDataFiles } from './pmFromFile.js';
import type { OperatorDefinition } from './types.js';

/**
 * @ipMatchFromFile (alias @ipMatchF): @ipMatch with one address/CIDR per line of a data file;
 * blank lines and `#` comments are skipped.
 */
export default {
  name: 'ipMatchFromFile',
  create(param, env) {
    const texts = readDataFiles('ipMatchFromFile', param, env);
    if (texts === null) return { evaluate: () => false };
    const entries = texts
      .flatMap((t) => t.split('\n'))
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const set = ipSetOf('ipMatchFromFile', entries, env);
    return { evaluate: (value) => set.contains(value) };
  },
} satisfies OperatorDefinition;
