import { bytesToString, isHex, isOctal, x2c } from './bytes.js';
import { octalDigits, octalValue } from './octal.js';
import type { TransformationDefinition } from './types.js';

function isF(c: number): boolean {
  return (c | 0x20) === 0x66;
}

/** Bytes of the single-letter escapes `\a \b \f \n \r \t \v`; other letters stand for themselves. */
function letterEscape(c: number): number {
  switch (c) {
    case 0x61: return 7;
    case 0x62: return 8;
    case 0x66: return 12;
    case 0x6e: return 10;
    case 0x72: return 13;
    case 0x74: return 9;
    case 0x76: return 11;
    default: return c;
  }
}

/**
 * ModSecurity's `js_decode_nonstrict_inplace`: `\uHHHH` keeps only the low byte (plus 0x20
 * for full-width ASCII `\uff01`–`\uff5e`), `\xHH`, octal `\OOO` (at most one byte: a
 * three-digit escape starting above 3 uses two digits), the C letter escapes, and `\C` -> `C`
 * for anything else (including an invalid `\u` or `\x`). A trailing backslash is kept.
 */
export function jsDecode(value: string): string {
  if (value.indexOf('\\') === -1) return value;
  const n = value.length;
  const out = new Uint8Array(n);
  let i = 0;
  let j = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c !== 0x5c || i + 1 >= n) {
      out[j++] = c;
      i++;
      continue;
    }
    const next = value.charCodeAt(i + 1);
    if (
      next === 0x75 && i + 5 < n &&
      isHex(value.charCodeAt(i + 2)) && isHex(value.charCodeAt(i + 3)) &&
      isHex(value.charCodeAt(i + 4)) && isHex(value.charCodeAt(i + 5))
    ) {
      let b = x2c(value.charCodeAt(i + 4), value.charCodeAt(i + 5));
      if (b > 0 && b < 0x5f && isF(value.charCodeAt(i + 2)) && isF(value.charCodeAt(i + 3))) b += 0x20;
      out[j++] = b;
      i += 6;
    } else if (next === 0x78 && i + 3 < n && isHex(value.charCodeAt(i + 2)) && isHex(value.charCodeAt(i + 3))) {
      out[j++] = x2c(value.charCodeAt(i + 2), value.charCodeAt(i + 3));
      i += 4;
    } else if (isOctal(next)) {
      let count = octalDigits(value, i + 1);
      if (count === 3 && next > 0x33) count = 2;
      out[j++] = octalValue(value, i + 1, count);
      i += 1 + count;
    } else {
      out[j++] = letterEscape(next);
      i += 2;
    }
  }
  return j === n ? value : bytesToString(out, j);
}

export default {
  name: 'jsDecode',
  create: () => jsDecode,
} satisfies TransformationDefinition;
