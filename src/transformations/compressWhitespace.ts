import { bytesToString, bytesWithPrefix } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { isWhitespaceOrNbsp } from './whitespace.js';

const NOT_COMPRESSED = /[\t-\r\xa0]| [\t-\r \xa0]/;

/** Each run of whitespace (C `isspace` plus NBSP) becomes a single space. */
export function compressWhitespace(value: string): string {
  // Skip the prefix that is already compressed: no whitespace other than lone spaces.
  let i = value.search(NOT_COMPRESSED);
  if (i === -1) return value;
  const n = value.length;
  const out = bytesWithPrefix(value, i, n);
  let j = i;
  let inRun = false;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (isWhitespaceOrNbsp(c)) {
      if (!inRun) out[j++] = 0x20;
      inRun = true;
    } else {
      out[j++] = c;
      inRun = false;
    }
  }
  return bytesToString(out, j);
}

export default {
  name: 'compressWhitespace',
  create: () => compressWhitespace,
} satisfies TransformationDefinition;
