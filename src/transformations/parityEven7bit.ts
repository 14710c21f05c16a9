import { mapBytes } from './bytes.js';
import { parityTable } from './parity.js';
import type { TransformationDefinition } from './types.js';

const TABLE = parityTable('even');

export function parityEven7bit(value: string): string {
  return mapBytes(value, TABLE);
}

export default {
  name: 'parityEven7bit',
  create: () => parityEven7bit,
} satisfies TransformationDefinition;
