import { identityTable, mapBytes } from './bytes.js';
import type { TransformationDefinition } from './types.js';

// C `tolower` in the C locale: ASCII only (String#toLowerCase would also fold Latin-1 bytes).
const TABLE = identityTable();
for (let c = 0x41; c <= 0x5a; c++) TABLE[c] = c + 0x20;

export function lowercase(value: string): string {
  return mapBytes(value, TABLE);
}

export default {
  name: 'lowercase',
  create: () => lowercase,
} satisfies TransformationDefinition;
