import type { TransformationDefinition } from './types.js';

const NUL_OR_NOT_ASCII = /[\0\x80-\uffff]/;

function isContinuation(s: string, i: number): boolean {
  return i < s.length && (s.charCodeAt(i) & 0xc0) === 0x80;
}

/** `%u` + lower-case hex, padded to at least 4 digits (C's `%x` plus ModSecurity's padding). */
function percentU(d: number): string {
  return '%u' + d.toString(16).padStart(4, '0');
}

/**
 * ModSecurity v2's `utf8_unicode_inplace_ex`: each valid 2-, 3- or 4-byte UTF-8 sequence
 * becomes `%uXXXX`. Faithful to v2, quirks included:
 * - a lead byte whose continuation bytes are missing or invalid is dropped;
 * - stray continuation bytes and 0xF8–0xFF are kept as is;
 * - after an overlong form or a surrogate, the lead byte is written again after the `%u`;
 * - a lead byte 0xF5–0xF7 is written before its (still decoded) sequence;
 * - the 4-byte code point is computed with v2's `< 6` typo for the third byte, which
 *   contributes 0 or 1 instead of its six bits;
 * - the C result is read with `strlen`, so the output ends at the first NUL byte.
 */
export function utf8toUnicode(value: string): string {
  let i = value.search(NUL_OR_NOT_ASCII);
  if (i === -1) return value;
  const nul = value.indexOf('\0', i);
  const n = nul === -1 ? value.length : nul;
  let out = value.slice(0, i);
  let last = i; // start of the pending run of bytes copied verbatim
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c < 0xc0 || c >= 0xf8) {
      i++; // copied verbatim (ASCII, stray continuation byte, invalid lead byte)
      continue;
    }
    out += value.slice(last, i);
    let len = 0;
    let d = 0;
    if (c < 0xe0) {
      if (isContinuation(value, i + 1)) {
        len = 2;
        d = ((c & 0x1f) << 6) | (value.charCodeAt(i + 1) & 0x3f);
      }
    } else if (c < 0xf0) {
      if (isContinuation(value, i + 1) && isContinuation(value, i + 2)) {
        len = 3;
        d = ((c & 0x0f) << 12) | ((value.charCodeAt(i + 1) & 0x3f) << 6) | (value.charCodeAt(i + 2) & 0x3f);
      }
    } else {
      if (c >= 0xf5) out += String.fromCharCode(c);
      if (isContinuation(value, i + 1) && isContinuation(value, i + 2) && isContinuation(value, i + 3)) {
        len = 4;
        d =
          ((c & 0x07) << 18) |
          ((value.charCodeAt(i + 1) & 0x3f) << 12) |
          ((value.charCodeAt(i + 2) & 0x3f) < 6 ? 1 : 0) |
          (value.charCodeAt(i + 3) & 0x3f);
      }
    }
    if (len > 0) {
      out += percentU(d);
      const surrogate = d >= 0xd800 && d <= 0xdfff;
      const overlong = (len === 4 && d < 0x10000) || (len === 3 && d < 0x800) || (len === 2 && d < 0x80);
      if (surrogate) out += String.fromCharCode(c);
      if (overlong) out += String.fromCharCode(c);
      i += len;
    } else {
      i++; // invalid sequence: the lead byte is dropped
    }
    last = i;
  }
  return out + value.slice(last, n);
}

export default {
  name: 'utf8toUnicode',
  acts: /[\0\x80-\xff]/,
  create: () => utf8toUnicode,
} satisfies TransformationDefinition;
