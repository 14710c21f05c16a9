import { isSpace } from './bytes.js';
import type { TransformationDefinition } from './types.js';

// C `isspace` only: String#trimStart would also strip NBSP and Unicode spaces.
export function trimLeft(value: string): string {
  let i = 0;
  while (i < value.length && isSpace(value.charCodeAt(i))) i++;
  return i === 0 ? value : value.slice(i);
}

export default {
  name: 'trimLeft',
  acts: /[\t-\r ]/,
  create: () => trimLeft,
} satisfies TransformationDefinition;
