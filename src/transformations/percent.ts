import { bytesToString, outputBuffer, isHex, x2c } from './bytes.js';

/**
 * Decodes the `%u` escape at `i` (`value[i]` is `%`, `value[i + 1]` is `u` or `U`): returns the
 * byte the six characters `%uHHHH` stand for, or -1 when they are not a valid escape.
 */
export type PercentUDecoder = (value: string, i: number) => number;

/**
 * The decoding core of urlDecode and urlDecodeUni (ModSecurity's `urldecode_nonstrict_inplace_ex`):
 * `%XX` with two hex digits becomes a byte, any other `%` is kept, and `+` becomes a space. Given
 * `decodeU`, `%u`/`%U` starts a `%uHHHH` escape instead; an invalid one keeps both characters.
 * Returns `value` itself when nothing decodes.
 */
export function decodePercentEscapes(value: string, decodeU: PercentUDecoder | null): string {
  if (value.indexOf('%') === -1 && value.indexOf('+') === -1) return value;
  const n = value.length;
  const out = outputBuffer(n);
  let changed = false;
  let i = 0;
  let j = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x25 && i + 2 < n) {
      const c1 = value.charCodeAt(i + 1);
      const c2 = value.charCodeAt(i + 2);
      if (isHex(c1) && isHex(c2)) {
        out[j++] = x2c(c1, c2);
        i += 3;
        changed = true;
        continue;
      }
      // An invalid %u needs nothing here: its characters are copied like any other.
      if (decodeU !== null && (c1 | 0x20) === 0x75) {
        const b = decodeU(value, i);
        if (b >= 0) {
          out[j++] = b;
          i += 6;
          changed = true;
          continue;
        }
      }
    } else if (c === 0x2b) {
      out[j++] = 0x20;
      i++;
      changed = true;
      continue;
    }
    out[j++] = c;
    i++;
  }
  return changed ? bytesToString(out, j) : value;
}
