import { Base64Bits, base64Value } from './base64.js';
import { byteAt, bytesToString, outputBuffer } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/**
 * ModSecurity's `decode_base64_ext` (RFC 2045 style): characters outside the alphabet are
 * skipped rather than ending the decode, `=` is skipped too, except that a lone `=` right
 * after the first character of a quantum makes the whole input invalid (empty result).
 * Decoding stops at a NUL byte, as the C code reads a NUL-terminated string.
 */
export function base64DecodeExt(value: string): string {
  const n = value.length;
  const out = outputBuffer(Math.ceil((n * 3) / 4));
  const bits = new Base64Bits();
  let groups = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0) break;
    if (c === 0x3d) {
      if (byteAt(value, i + 1) !== 0x3d && (groups & 3) === 1) return '';
      continue;
    }
    const v = base64Value(c);
    if (v < 0) continue;
    const b = bits.push(groups & 3, v);
    if (b >= 0) out[j++] = b;
    groups++;
  }
  return bytesToString(out, j);
}

export default {
  name: 'base64DecodeExt',
  create: () => base64DecodeExt,
} satisfies TransformationDefinition;
