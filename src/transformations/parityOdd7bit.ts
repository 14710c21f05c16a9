import { byteMapping } from './bytes.js';
import { parityTable } from './parity.js';
import type { TransformationDefinition } from './types.js';

export const parityOdd7bit = byteMapping(parityTable('odd'));

export default {
  name: 'parityOdd7bit',
  create: () => parityOdd7bit,
} satisfies TransformationDefinition;
