import type { TransformationDefinition } from './types.js';

export function base64Encode(value: string): string {
  return Buffer.from(value, 'latin1').toString('base64');
}

export default {
  name: 'base64Encode',
  create: () => base64Encode,
} satisfies TransformationDefinition;
