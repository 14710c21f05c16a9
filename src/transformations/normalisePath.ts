import { normalisePath as normalise } from './normalise-path.js';
import type { TransformationDefinition } from './types.js';

export function normalisePath(value: string): string {
  return normalise(value, false);
}

/** Registered under this name and the alias `normalizePath`. */
export default {
  name: 'normalisePath',
  acts: /[./]/,
  create: () => normalisePath,
} satisfies TransformationDefinition;
