import { isSpace } from './bytes.js';
import type { TransformationDefinition } from './types.js';

// C `isspace` only: String#trimEnd would also strip NBSP and Unicode spaces.
export function trimRight(value: string): string {
  let end = value.length;
  while (end > 0 && isSpace(value.charCodeAt(end - 1))) end--;
  return end === value.length ? value : value.slice(0, end);
}

export default {
  name: 'trimRight',
  acts: /[\t-\r ]/,
  create: () => trimRight,
} satisfies TransformationDefinition;
