import { bytesToString, runEnd, valueBytes } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { WHITESPACE_OR_NBSP, WHITESPACE_RUN } from './whitespace.js';

const NOT_COMPRESSED = /[\t-\r\xa0]| [\t-\r \xa0]/;

/** Each run of whitespace (C `isspace` plus NBSP) becomes a single space. */
export function compressWhitespace(value: string): string {
  // Skip the prefix that is already compressed: no whitespace other than lone spaces.
  let i = value.search(NOT_COMPRESSED);
  if (i === -1) return value;
  const n = value.length;
  const buf = valueBytes(value);
  let j = i;
  for (; i < n; i++) {
    const c = buf[i]!;
    if (WHITESPACE_OR_NBSP[c] === 0) {
      buf[j++] = c;
      continue;
    }
    buf[j++] = 0x20;
    if (i + 1 < n && WHITESPACE_OR_NBSP[buf[i + 1]!] === 1) i = runEnd(WHITESPACE_RUN, value, i) - 1;
  }
  return bytesToString(buf, j);
}

export default {
  name: 'compressWhitespace',
  acts: /[\t-\r \xa0]/,
  create: () => compressWhitespace,
} satisfies TransformationDefinition;
