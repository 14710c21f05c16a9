import { bytesToString, outputBuffer, fullWidthAsciiByte, isHex, isSpace, x2c, xsingle } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/**
 * ModSecurity's `css_decode_inplace` (CSS 2 escapes): a backslash and 1–6 hex digits become
 * one byte made of the last two digits (one digit: its value); with 4 digits, or 5–6 digits
 * with leading zeros, full-width ASCII (`ff01`–`ff5e`) gets 0x20 added. One whitespace
 * character after a hex escape is swallowed. `\` + newline is removed, `\` + other character
 * gives that character, and a trailing backslash is dropped.
 */
export function cssDecode(value: string): string {
  if (value.indexOf('\\') === -1) return value;
  const n = value.length;
  const out = outputBuffer(n);
  let i = 0;
  let j = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c !== 0x5c) {
      out[j++] = c;
      i++;
      continue;
    }
    i++; // the backslash itself is never kept
    if (i >= n) break;
    let digits = 0;
    while (digits < 6 && i + digits < n && isHex(value.charCodeAt(i + digits))) digits++;
    if (digits === 0) {
      const next = value.charCodeAt(i++);
      if (next !== 0x0a) out[j++] = next;
      continue;
    }
    const at = (k: number) => value.charCodeAt(i + k);
    const fullWidthCheck =
      digits === 4 || (digits === 5 && at(0) === 0x30) || (digits === 6 && at(0) === 0x30 && at(1) === 0x30);
    if (fullWidthCheck) out[j++] = fullWidthAsciiByte(at(digits - 4), at(digits - 3), at(digits - 2), at(digits - 1));
    else out[j++] = digits === 1 ? xsingle(at(0)) : x2c(at(digits - 2), at(digits - 1));
    i += digits;
    if (i < n && isSpace(value.charCodeAt(i))) i++;
  }
  return j === n ? value : bytesToString(out, j);
}

export default {
  name: 'cssDecode',
  acts: /[\\]/,
  create: () => cssDecode,
} satisfies TransformationDefinition;
