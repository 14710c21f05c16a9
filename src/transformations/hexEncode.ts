import type { TransformationDefinition } from './types.js';

/** Lower-case hex of every byte. */
export function hexEncode(value: string): string {
  return Buffer.from(value, 'latin1').toString('hex');
}

export default {
  name: 'hexEncode',
  create: () => hexEncode,
} satisfies TransformationDefinition;
