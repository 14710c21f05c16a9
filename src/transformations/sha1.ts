import { createHash } from 'node:crypto';
import type { TransformationDefinition } from './types.js';

/** Raw 20-byte digest as a binary string, like ModSecurity (not hex). */
export function sha1(value: string): string {
  return createHash('sha1').update(value, 'latin1').digest().toString('latin1');
}

export default {
  name: 'sha1',
  create: () => sha1,
} satisfies TransformationDefinition;
