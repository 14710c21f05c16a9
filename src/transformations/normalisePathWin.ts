import { normalisePath } from './normalise-path.js';
import type { TransformationDefinition } from './types.js';

/** normalisePath after turning every backslash into a forward slash. */
export function normalisePathWin(value: string): string {
  return normalisePath(value, true);
}

/** Registered under this name and the alias `normalizePathWin`. */
export default {
  name: 'normalisePathWin',
  acts: /[./\\]/,
  create: () => normalisePathWin,
} satisfies TransformationDefinition;
