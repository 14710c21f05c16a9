import { bytesToString, isHex, valueBytes, x2c } from './bytes.js';

/**
 * Decodes the `%u` escape at `i` (`value[i]` is `%`, `value[i + 1]` is `u` or `U`): returns the
 * byte the six characters `%uHHHH` stand for, or -1 when they are not a valid escape.
 */
export type PercentUDecoder = (value: string, i: number) => number;

const PLUS_OR_PERCENT = /[+%]/;

/**
 * The decoding core of urlDecode and urlDecodeUni (ModSecurity's `urldecode_nonstrict_inplace_ex`):
 * `%XX` with two hex digits becomes a byte, any other `%` is kept, and `+` becomes a space. Given
 * `decodeU`, `%u`/`%U` starts a `%uHHHH` escape instead; an invalid one keeps both characters.
 * Returns `value` itself when nothing decodes.
 *
 * Like the C code it decodes in place: the value is written into the buffer natively and read
 * back from there (a byte read costs far less than charCodeAt on a long string).
 */
export function decodePercentEscapes(value: string, decodeU: PercentUDecoder | null): string {
  const first = value.search(PLUS_OR_PERCENT);
  if (first === -1) return value;
  const n = value.length;
  const buf = valueBytes(value);
  let changed = false;
  let j = first;
  for (let i = first; i < n; i++) {
    const c = buf[i]!;
    if (c === 0x2b) {
      buf[j++] = 0x20;
      changed = true;
      continue;
    }
    if (c === 0x25 && i + 2 < n) {
      const c1 = buf[i + 1]!;
      const c2 = buf[i + 2]!;
      if (isHex(c1) && isHex(c2)) {
        buf[j++] = x2c(c1, c2);
        i += 2;
        changed = true;
        continue;
      }
      // An invalid %u needs nothing here: its characters are copied like any other.
      if (decodeU !== null && (c1 | 0x20) === 0x75) {
        const b = decodeU(value, i);
        if (b >= 0) {
          buf[j++] = b;
          i += 5;
          changed = true;
          continue;
        }
      }
    }
    buf[j++] = c;
  }
  return changed ? bytesToString(buf, j) : value;
}

/** The `%`s that start no valid `%XX` escape (ModSecurity counts them for URLENCODED_ERROR). */
export function invalidPercentEscapes(value: string): number {
  let invalid = 0;
  const n = value.length;
  for (let p = value.indexOf('%'); p !== -1; p = value.indexOf('%', p + 1)) {
    if (!(p + 2 < n && isHex(value.charCodeAt(p + 1)) && isHex(value.charCodeAt(p + 2)))) invalid++;
  }
  return invalid;
}
