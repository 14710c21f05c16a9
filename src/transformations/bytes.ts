/**
 * Byte-level helpers shared by the transformations. Values are binary strings (one char per
 * byte); the character classes follow the C library in the "C" locale, as ModSecurity uses it.
 */

/** Non-breaking space: ModSecurity treats it as whitespace in compress/removeWhitespace. */
export const NBSP = 0xa0;

/** C `isspace` in the C locale: space, \t, \n, \v, \f, \r. */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Value of a hex digit, or -1 (ModSecurity's VALID_HEX / `isxdigit`). */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

export function isHex(c: number): boolean {
  return hexValue(c) >= 0;
}

export function isOctal(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isAlnum(c: number): boolean {
  const l = c | 0x20;
  return (c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x7a);
}

/** ModSecurity's unchecked single-digit conversion (`xsingle2c`): garbage in, garbage out. */
export function xsingle(c: number): number {
  return (c >= 0x41 ? (c & 0xdf) - 0x41 + 10 : c - 0x30) & 0xff;
}

/** ModSecurity's unchecked two-digit conversion (`x2c`), wrapping like an unsigned char. */
export function x2c(hi: number, lo: number): number {
  return (xsingle(hi) * 16 + xsingle(lo)) & 0xff;
}

/**
 * The byte ModSecurity keeps for the 4-hex-digit code point `h1 h2 h3 h4` in `%uHHHH`, `\uHHHH`
 * and CSS escapes: its low byte, plus 0x20 for full-width ASCII (U+FF01–U+FF5E).
 */
export function fullWidthAsciiByte(h1: number, h2: number, h3: number, h4: number): number {
  const b = x2c(h3, h4);
  return b > 0 && b < 0x5f && (h1 | 0x20) === 0x66 && (h2 | 0x20) === 0x66 ? b + 0x20 : b;
}

/** Char code at `i`, or 0 past the end: the NUL terminator ModSecurity's C code reads there. */
export function byteAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

const CHUNK = 8192;

/** The first `length` bytes of `bytes` as a binary string. */
export function bytesToString(bytes: Uint8Array, length: number): string {
  if (length <= CHUNK) {
    return String.fromCharCode.apply(null, bytes.subarray(0, length) as unknown as number[]);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('latin1');
}

/** A buffer of `capacity` bytes holding the first `count` bytes of `value`. */
export function bytesWithPrefix(value: string, count: number, capacity: number): Uint8Array {
  const out = new Uint8Array(capacity);
  for (let k = 0; k < count; k++) out[k] = value.charCodeAt(k);
  return out;
}

/** A table mapping every byte to itself, to be edited into a byte-wise transformation. */
export function identityTable(): Uint8Array {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = i;
  return t;
}

/** Maps each byte through `table`; returns `value` itself when no byte changes. */
export function mapBytes(value: string, table: Uint8Array): string {
  const n = value.length;
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (table[c] !== c) break;
    i++;
  }
  if (i === n) return value;
  const out = bytesWithPrefix(value, i, n);
  for (; i < n; i++) out[i] = table[value.charCodeAt(i) & 0xff];
  return bytesToString(out, n);
}
