import { Base64Bits, base64Value } from './base64.js';
import { bytesToString, bytesWithPrefix } from './bytes.js';

const NOT_ALPHABET = /[^A-Za-z0-9+/]/;
import type { TransformationDefinition } from './types.js';

/**
 * APR's `apr_base64_decode`, which ModSecurity v2 uses: decodes the leading run of base64
 * alphabet characters and stops at the first other character (`=`, whitespace, NUL, ...).
 * A final group of one character carries no whole byte and is dropped.
 */
export function base64Decode(value: string): string {
  const end = value.search(NOT_ALPHABET);
  const run = end === -1 ? value.length : end;
  // decoded in place: three bytes out for every four read
  const buf = bytesWithPrefix(value, run, run);
  const bits = new Base64Bits();
  let j = 0;
  for (let i = 0; i < run; i++) {
    const b = bits.push(i & 3, base64Value(buf[i]!));
    if (b >= 0) buf[j++] = b;
  }
  return bytesToString(buf, j);
}

export default {
  name: 'base64Decode',
  create: () => base64Decode,
} satisfies TransformationDefinition;
