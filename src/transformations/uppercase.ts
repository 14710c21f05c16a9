import { byteMapping, identityTable } from './bytes.js';
import type { TransformationDefinition } from './types.js';

// v3-only transformation; C `toupper` in the C locale: ASCII only.
const TABLE = identityTable();
for (let c = 0x61; c <= 0x7a; c++) TABLE[c] = c - 0x20;

export const uppercase = byteMapping(TABLE);

export default {
  name: 'uppercase',
  acts: /[a-z]/,
  create: () => uppercase,
} satisfies TransformationDefinition;
