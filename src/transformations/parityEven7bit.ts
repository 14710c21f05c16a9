import { byteMapping } from './bytes.js';
import { parityTable } from './parity.js';
import type { TransformationDefinition } from './types.js';

export const parityEven7bit = byteMapping(parityTable('even'));

export default {
  name: 'parityEven7bit',
  create: () => parityEven7bit,
} satisfies TransformationDefinition;
