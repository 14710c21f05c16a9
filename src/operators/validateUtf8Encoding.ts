import type { OperatorDefinition } from './types.js';

/**
 * The length of the UTF-8 sequence at `i`, or 0 when it is invalid by ModSecurity v2's rules:
 * truncated, bad continuation byte, overlong form, surrogate (U+D800-DFFF), lead byte 0xF5+ or
 * 0x80-0xBF/0xF8+. (Like v2, F4 90+ sequences above U+10FFFF are not rejected.)
 */
function sequenceLength(value: string, i: number): number {
  const c = value.charCodeAt(i);
  if (c < 0x80) return 1;
  let len: number;
  let cp: number;
  if ((c & 0xe0) === 0xc0) [len, cp] = [2, c & 0x1f];
  else if ((c & 0xf0) === 0xe0) [len, cp] = [3, c & 0x0f];
  else if ((c & 0xf8) === 0xf0 && c < 0xf5) [len, cp] = [4, c & 0x07];
  else return 0;
  if (i + len > value.length) return 0;
  for (let k = 1; k < len; k++) {
    const cc = value.charCodeAt(i + k);
    if ((cc & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3f);
  }
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;
  const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
  return cp < min ? 0 : len;
}

const NOT_ASCII = /[^\0-\x7f]/g;

/** @validateUtf8Encoding: matches when the value is not valid UTF-8. */
export default {
  name: 'validateUtf8Encoding',
  create: () => ({
    evaluate(value) {
      let ascii = 0;
      for (let i = 0; i < value.length; ) {
        if (value.charCodeAt(i) < 0x80) {
          // ASCII is valid: a long run is skipped natively (a call costs about 10 chars of the loop)
          if (++ascii < 16) {
            i++;
            continue;
          }
          NOT_ASCII.lastIndex = i;
          if (!NOT_ASCII.test(value)) return false;
          i = NOT_ASCII.lastIndex - 1;
        }
        ascii = 0;
        const len = sequenceLength(value, i);
        if (len === 0) return true;
        i += len;
      }
      return false;
    },
  }),
} satisfies OperatorDefinition;
