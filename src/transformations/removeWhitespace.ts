import { bytesToString, bytesWithPrefix } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { isWhitespaceOrNbsp } from './whitespace.js';

const WHITESPACE = /[\t-\r \xa0]/;

/** Removes whitespace: C `isspace` plus NBSP (0xA0). */
export function removeWhitespace(value: string): string {
  let i = value.search(WHITESPACE);
  if (i === -1) return value;
  const n = value.length;
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
