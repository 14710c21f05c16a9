import { createHash } from 'node:crypto';
import type { TransformationDefinition } from './types.js';

/** Raw 16-byte digest as a binary string, like ModSecurity (not hex). */
export function md5(value: string): string {
  return createHash('md5').update(value, 'latin1').digest().toString('latin1');
}

export default {
  name: 'md5',
  create: () => md5,
} satisfies TransformationDefinition;
