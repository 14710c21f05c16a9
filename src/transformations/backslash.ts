import { bytesToString, outputBuffer, fullWidthAsciiByte, isHex, isOctal, x2c } from './bytes.js';

/** Where the C-style escapes of escapeSeqDecode and jsDecode differ. */
export interface CEscapeDialect {
  /** `\uHHHH` stands for its full-width-aware low byte (see `fullWidthAsciiByte`). */
  readonly unicode: boolean;
  /** `\XHH` counts as well as `\xHH`. */
  readonly upperX: boolean;
  /**
   * A three-digit octal escape must fit in a byte: one starting above 3 uses two digits.
   * Otherwise three digits are always taken and the value is kept modulo 256.
   */
  readonly octalFitsByte: boolean;
}

/**
 * The byte of each single-character escape: the C letters `\a \b \f \n \r \t \v`, and the
 * backslash, quotes and `?`, which stand for themselves but are common enough to answer first.
 * -1 for the rest.
 */
const SIMPLE_ESCAPES: Int16Array = (() => {
  const t = new Int16Array(256).fill(-1);
  const pairs: [string, number][] = [
    ['a', 7], ['b', 8], ['f', 12], ['n', 10], ['r', 13], ['t', 9], ['v', 11],
    ['\\', 0x5c], ['?', 0x3f], ["'", 0x27], ['"', 0x22],
  ];
  for (const [ch, b] of pairs) t[ch.charCodeAt(0)] = b;
  return t;
})();

/**
 * Decodes the C-style backslash escapes of `dialect`: the letter escapes `\a \b \f \n \r \t \v`,
 * `\xHH`, octal `\O`..`\OOO`, and `\uHHHH` where the dialect has it. Any other escaped character
 * (an invalid `\x` or `\u` included) stands for itself; a trailing backslash is kept. Returns
 * `value` itself when nothing decodes.
 */
export function decodeCEscapes(value: string, dialect: CEscapeDialect): string {
  if (value.indexOf('\\') === -1) return value;
  const n = value.length;
  const out = outputBuffer(n);
  let i = 0;
  let j = 0;
  // One loop with the escapes inline: a call per escape costs a quarter more on escape-dense input.
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c !== 0x5c || i + 1 === n) {
      out[j++] = c;
      i++;
      continue;
    }
    const next = value.charCodeAt(i + 1);
    const simple = next < 256 ? SIMPLE_ESCAPES[next]! : -1;
    if (simple >= 0) {
      out[j++] = simple;
      i += 2;
    } else if (
      next === 0x75 && dialect.unicode && i + 5 < n &&
      isHex(value.charCodeAt(i + 2)) && isHex(value.charCodeAt(i + 3)) &&
      isHex(value.charCodeAt(i + 4)) && isHex(value.charCodeAt(i + 5))
    ) {
      out[j++] = fullWidthAsciiByte(
        value.charCodeAt(i + 2), value.charCodeAt(i + 3), value.charCodeAt(i + 4), value.charCodeAt(i + 5),
      );
      i += 6;
    } else if (
      (next === 0x78 || (next === 0x58 && dialect.upperX)) && i + 3 < n &&
      isHex(value.charCodeAt(i + 2)) && isHex(value.charCodeAt(i + 3))
    ) {
      out[j++] = x2c(value.charCodeAt(i + 2), value.charCodeAt(i + 3));
      i += 4;
    } else if (isOctal(next)) {
      let count = 1;
      while (count < 3 && i + 1 + count < n && isOctal(value.charCodeAt(i + 1 + count))) count++;
      if (count === 3 && dialect.octalFitsByte && next > 0x33) count = 2;
      let v = 0;
      for (let k = 1; k <= count; k++) v = v * 8 + (value.charCodeAt(i + k) - 0x30);
      out[j++] = v & 0xff;
      i += 1 + count;
    } else {
      out[j++] = next;
      i += 2;
    }
  }
  // Every escape is at least two characters long and writes one byte, so the length tells.
  return j === n ? value : bytesToString(out, j);
}
