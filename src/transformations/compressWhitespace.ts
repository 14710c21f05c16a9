import { bytesToString, bytesWithPrefix } from './bytes.js';
import type { TransformationDefinition } from './types.js';
import { isWhitespaceOrNbsp } from './whitespace.js';

/** Each run of whitespace (C `isspace` plus NBSP) becomes a single space. */
export function compressWhitespace(value: string): string {
  const n = value.length;
  // Skip the prefix that is already compressed: no whitespace other than lone spaces.
  let i = 0;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!isWhitespaceOrNbsp(c)) continue;
    if (c !== 0x20 || (i + 1 < n && isWhitespaceOrNbsp(value.charCodeAt(i + 1)))) break;
  }
  if (i === n) return value;
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
