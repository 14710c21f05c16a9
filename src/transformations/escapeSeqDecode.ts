import { bytesToString, isHex, isOctal, x2c } from './bytes.js';
import { octalDigits, octalValue } from './octal.js';
import type { TransformationDefinition } from './types.js';

/** Single-character ANSI C escapes: the byte each letter stands for. */
const SIMPLE: Int16Array = (() => {
  const t = new Int16Array(256).fill(-1);
  const pairs: [string, number][] = [
    ['a', 7], ['b', 8], ['f', 12], ['n', 10], ['r', 13], ['t', 9], ['v', 11],
    ['\\', 0x5c], ['?', 0x3f], ["'", 0x27], ['"', 0x22],
  ];
  for (const [ch, b] of pairs) t[ch.charCodeAt(0)] = b;
  return t;
})();

/**
 * ModSecurity's `ansi_c_sequences_decode_inplace`: `\a \b \f \n \r \t \v \\ \? \' \"`,
 * `\xHH` (exactly two hex digits) and `\O`..`\OOO` octal (value taken modulo 256). Any other
 * backslash pair keeps only the second character; a trailing backslash is kept.
 */
export function escapeSeqDecode(value: string): string {
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
    const simple = next < 256 ? SIMPLE[next]! : -1;
    if (simple >= 0) {
      out[j++] = simple;
      i += 2;
    } else if ((next | 0x20) === 0x78 && i + 3 < n && isHex(value.charCodeAt(i + 2)) && isHex(value.charCodeAt(i + 3))) {
      out[j++] = x2c(value.charCodeAt(i + 2), value.charCodeAt(i + 3));
      i += 4;
    } else if (isOctal(next)) {
      const count = octalDigits(value, i + 1);
      out[j++] = octalValue(value, i + 1, count) & 0xff;
      i += 1 + count;
    } else {
      out[j++] = next;
      i += 2;
    }
  }
  return j === n ? value : bytesToString(out, j);
}

export default {
  name: 'escapeSeqDecode',
  create: () => escapeSeqDecode,
} satisfies TransformationDefinition;
