import { bytesToString, bytesWithPrefix } from './bytes.js';
import type { TransformationDefinition } from './types.js';

const MARKER = /\/\*|\*\/|<!--|--|#/;

/** Deletes the comment markers `/*`, `*\/`, `<!--`, `-->`, `--` and `#`, keeping the text between them. */
export function removeCommentsChar(value: string): string {
  // The leftmost marker is where the loop first acts (at "<!--" rather than at its "--").
  let i = value.search(MARKER);
  if (i === -1) return value;
  const n = value.length;
  const out = bytesWithPrefix(value, i, n);
  let j = i;
  while (i < n) {
    const c = value.charCodeAt(i);
    const c1 = i + 1 < n ? value.charCodeAt(i + 1) : -1;
    if ((c === 0x2f && c1 === 0x2a) || (c === 0x2a && c1 === 0x2f)) {
      i += 2; // "/*" or "*/"
    } else if (c === 0x3c && c1 === 0x21 && value.startsWith('--', i + 2)) {
      i += 4; // "<!--"
    } else if (c === 0x2d && c1 === 0x2d) {
      i += i + 2 < n && value.charCodeAt(i + 2) === 0x3e ? 3 : 2; // "-->" or "--"
    } else if (c === 0x23) {
      i++; // "#"
    } else {
      out[j++] = c;
      i++;
      continue;
    }
  }
  return bytesToString(out, j);
}

export default {
  name: 'removeCommentsChar',
  // every marker holds "*", "-" or "#"
  acts: /[*#-]/,
  create: () => removeCommentsChar,
} satisfies TransformationDefinition;
