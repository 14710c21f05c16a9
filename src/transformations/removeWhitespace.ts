import { bytesToString, runEnd, valueBytes } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { WHITESPACE_OR_NBSP, WHITESPACE_RUN } from './whitespace.js';

const WHITESPACE = /[\t-\r \xa0]/;

/** Removes whitespace: C `isspace` plus NBSP (0xA0). */
export function removeWhitespace(value: string): string {
  let i = value.search(WHITESPACE);
  if (i === -1) return value;
  const n = value.length;
  const buf = valueBytes(value);
  let j = i;
  for (; i < n; i++) {
    const c = buf[i]!;
    if (WHITESPACE_OR_NBSP[c] === 0) buf[j++] = c;
    else if (i + 1 < n && WHITESPACE_OR_NBSP[buf[i + 1]!] === 1) i = runEnd(WHITESPACE_RUN, value, i) - 1;
  }
  return bytesToString(buf, j);
}

export default {
  name: 'removeWhitespace',
  acts: /[\t-\r \xa0]/,
  create: () => removeWhitespace,
} satisfies TransformationDefinition;
