import { byteMapping } from './bytes.js';
import { parityTable } from './parity.js';
import type { TransformationDefinition } from './types.js';

export const parityZero7bit = byteMapping(parityTable('zero'));

export default {
  name: 'parityZero7bit',
  create: () => parityZero7bit,
} satisfies TransformationDefinition;
