import { bytesToString, bytesWithPrefix, runEnd } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { isWhitespaceOrNbsp, WHITESPACE_RUN } from './whitespace.js';

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
    else if (i + 1 < n && isWhitespaceOrNbsp(value.charCodeAt(i + 1))) i = runEnd(WHITESPACE_RUN, value, i) - 1;
  }
  return bytesToString(out, j);
}

export default {
  name: 'removeWhitespace',
  acts: /[\t-\r \xa0]/,
  create: () => removeWhitespace,
} satisfies TransformationDefinition;
