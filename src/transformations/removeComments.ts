import { byteAt, bytesToString, outputBuffer } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/**
 * ModSecurity v2's `removeComments`, quirks included:
 * - `/* ... *\/` and `<!-- ... -->` are removed; an unterminated one becomes a single space;
 * - `--` or `#` outside a comment ends the value there (the rest is a line comment);
 * - after a comment's closing marker the next byte is copied without being examined, and when
 *   the marker ends the value that "next byte" is the C string's NUL terminator, so the result
 *   then ends with a NUL byte (`/*x*\/` becomes `\0`).
 */
export function removeComments(value: string): string {
  // Every marker, "<!--" included, contains "/*", "--" or "#".
  if (value.indexOf('/*') === -1 && value.indexOf('--') === -1 && value.indexOf('#') === -1) return value;
  const n = value.length;
  const out = outputBuffer(n + 1);
  let inComment = false;
  let i = 0;
  let j = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    const c1 = i + 1 < n ? value.charCodeAt(i + 1) : -1;
    if (!inComment) {
      if (c === 0x2f && c1 === 0x2a) {
        inComment = true;
        i += 2;
      } else if (c === 0x3c && c1 === 0x21 && value.startsWith('--', i + 2)) {
        inComment = true;
        i += 4;
      } else if ((c === 0x2d && c1 === 0x2d) || c === 0x23) {
        break;
      } else {
        out[j++] = c;
        i++;
      }
    } else if (c === 0x2a && c1 === 0x2f) {
      inComment = false;
      out[j++] = byteAt(value, i + 2);
      i += 3;
    } else if (c === 0x2d && c1 === 0x2d && i + 2 < n && value.charCodeAt(i + 2) === 0x3e) {
      inComment = false;
      out[j++] = byteAt(value, i + 3);
      i += 4;
    } else {
      i++;
    }
  }
  if (inComment) out[j++] = 0x20;
  return bytesToString(out, j);
}

export default {
  name: 'removeComments',
  // every marker holds "*", "-" or "#"
  acts: /[*#-]/,
  create: () => removeComments,
} satisfies TransformationDefinition;
