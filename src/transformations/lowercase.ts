import { byteMapping, identityTable } from './bytes.js';
import type { TransformationDefinition } from './types.js';

// C `tolower` in the C locale: ASCII only.
const TABLE = identityTable();
for (let c = 0x41; c <= 0x5a; c++) TABLE[c] = c + 0x20;
const byTable = byteMapping(TABLE);

/** What String#toLowerCase folds besides ASCII: Latin-1 letters, and chars beyond a byte. */
const NOT_ASCII_ONLY = /[\xc0-\xd6\xd8-\xde\u0100-\uffff]/;

/** Native toLowerCase (which returns the value itself when nothing changes) when it folds ASCII only. */
export function lowercase(value: string): string {
  return NOT_ASCII_ONLY.test(value) ? byTable(value) : value.toLowerCase();
}

export default {
  name: 'lowercase',
  // ASCII capitals are all it folds
  acts: /[A-Z]/,
  create: () => lowercase,
} satisfies TransformationDefinition;
