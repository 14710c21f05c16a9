import { bytesToString, bytesWithPrefix } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { isWhitespaceOrNbsp } from './whitespace.js';

/** Removes whitespace: C `isspace` plus NBSP (0xA0). */
export function removeWhitespace(value: string): string {
  const n = value.length;
  let i = 0;
  while (i < n && !isWhitespaceOrNbsp(value.charCodeAt(i))) i++;
  if (i === n) return value;
  const out = bytesWithPrefix(value, i, n);
  let j = i;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!isWhitespaceOrNbsp(c)) out[j++] = c;
  }
  return bytesToString(out, j);
}

export default {
  name: 'removeWhitespace',
  create: () => removeWhitespace,
} satisfies TransformationDefinition;
