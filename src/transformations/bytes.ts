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

/** Outputs longer than this get a buffer of their own, so that one huge value does not stay allocated. */
const SHARED_MAX = 1 << 22;
let shared = Buffer.allocUnsafeSlow(1 << 16);

/**
 * A buffer of at least `capacity` bytes for a transformation's output, which it reads back with
 * bytesToString before returning. Up to 4 MiB, one buffer serves every transformation: they run
 * one at a time and none calls another while it writes. A fresh typed array per call costs more
 * than the pass over the value (allocation, zero fill, then collection of its memory outside the
 * heap): about 14 µs at 4 KB and 150 µs at 64 KB on the bench machine. It is not cleared: write
 * each byte before reading it.
 */
export function outputBuffer(capacity: number): Buffer {
  if (capacity <= shared.length) return shared;
  if (capacity > SHARED_MAX) return Buffer.allocUnsafeSlow(capacity);
  shared = Buffer.allocUnsafeSlow(Math.min(SHARED_MAX, Math.max(capacity, shared.length * 2)));
  return shared;
}

/** Runs shorter than this are copied by a loop: one native write costs about as much. */
const NATIVE_COPY_MIN = 32;

/**
 * The output buffer holding every byte of `value` (the low byte of each char), for a
 * transformation that rewrites it in place, its output never running ahead of its input: a loop
 * reads a byte from a buffer for far less than it reads a char with charCodeAt (about 1 against
 * 2.5 ns on a 64 KB body).
 */
export function valueBytes(value: string): Buffer {
  return bytesWithPrefix(value, value.length, value.length);
}

/**
 * Copies chars `from` to `to` of `value` (low byte of each) into `out` at `at`; returns the index
 * after them. Long runs go through a native write, so that a transformation that changes a few
 * places in a long value costs little more than finding them.
 */
export function copyChars(out: Buffer, at: number, value: string, from: number, to: number): number {
  if (to - from < NATIVE_COPY_MIN) {
    for (let i = from; i < to; i++) out[at++] = value.charCodeAt(i);
    return at;
  }
  return at + out.write(value.slice(from, to), at, to - from, 'latin1');
}

/** The first `length` bytes of an output buffer as a binary string (native copy: String.fromCharCode.apply costs 50× more). */
export function bytesToString(bytes: Buffer, length: number): string {
  return bytes.toString('latin1', 0, length);
}

/** An output buffer of `capacity` bytes holding the first `count` chars of `value` (low byte of each). */
export function bytesWithPrefix(value: string, count: number, capacity: number): Buffer {
  const out = outputBuffer(capacity);
  out.write(value, 0, count, 'latin1');
  return out;
}

/**
 * The index after the run of chars that starts at `from`, for `run` a sticky `[...]*` pattern: a
 * native scan, for loops that meet long runs (one call costs about ten chars of a JS loop).
 */
export function runEnd(run: RegExp, value: string, from: number): number {
  run.lastIndex = from;
  run.test(value);
  return run.lastIndex;
}

/** A table mapping every byte to itself, to be edited into a byte-wise transformation. */
export function identityTable(): Uint8Array {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = i;
  return t;
}

/**
 * A regex for the chars of a binary string whose byte `pick` chooses, and with `wide` every char
 * beyond a byte; null when there is nothing to look for. The native search it makes skips the
 * chars in between far faster than a loop over them.
 */
export function byteClass(pick: (b: number) => boolean, wide: boolean, flags = ''): RegExp | null {
  let chars = wide ? '\\u0100-\\uffff' : '';
  for (let b = 0; b < 256; b++) if (pick(b)) chars += `\\x${b.toString(16).padStart(2, '0')}`;
  return chars === '' ? null : new RegExp(`[${chars}]`, flags);
}

/**
 * The byte-wise transformation `table` describes. It returns the value itself when no byte
 * changes, found with a native scan for the first byte that does (or the first char beyond a
 * byte, which the table maps by its low byte).
 */
export function byteMapping(table: Uint8Array): (value: string) => string {
  const firstChange = byteClass((c) => table[c] !== c, true)!;
  return (value) => {
    let i = value.search(firstChange);
    if (i === -1) return value;
    const n = value.length;
    const out = valueBytes(value);
    for (; i < n; i++) out[i] = table[out[i]!]!;
    return bytesToString(out, n);
  };
}
