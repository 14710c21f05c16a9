import { mapBytes } from './bytes.js';
import { parityTable } from './parity.js';
import type { TransformationDefinition } from './types.js';

const TABLE = parityTable('odd');

export function parityOdd7bit(value: string): string {
  return mapBytes(value, TABLE);
}

export default {
  name: 'parityOdd7bit',
  create: () => parityOdd7bit,
} satisfies TransformationDefinition;
