import { bytesToString, bytesWithPrefix, runEnd } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { isWhitespaceOrNbsp, WHITESPACE_RUN } from './whitespace.js';

const NOT_COMPRESSED = /[\t-\r\xa0]| [\t-\r \xa0]/;

/** Each run of whitespace (C `isspace` plus NBSP) becomes a single space. */
export function compressWhitespace(value: string): string {
  // Skip the prefix that is already compressed: no whitespace other than lone spaces.
  let i = value.search(NOT_COMPRESSED);
  if (i === -1) return value;
  const n = value.length;
  const out = bytesWithPrefix(value, i, n);
  let j = i;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!isWhitespaceOrNbsp(c)) {
      out[j++] = c;
      continue;
    }
    out[j++] = 0x20;
    if (i + 1 < n && isWhitespaceOrNbsp(value.charCodeAt(i + 1))) i = runEnd(WHITESPACE_RUN, value, i) - 1;
  }
  return bytesToString(out, j);
}

export default {
  name: 'compressWhitespace',
  acts: /[\t-\r \xa0]/,
  create: () => compressWhitespace,
} satisfies TransformationDefinition;
