import { mapBytes } from './bytes.js';
import { parityTable } from './parity.js';
import type { TransformationDefinition } from './types.js';

const TABLE = parityTable('zero');

export function parityZero7bit(value: string): string {
  return mapBytes(value, TABLE);
}

export default {
  name: 'parityZero7bit',
  create: () => parityZero7bit,
} satisfies TransformationDefinition;
