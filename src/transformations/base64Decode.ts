import { Base64Bits, base64Value } from './base64.js';
import { bytesToString, outputBuffer } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/**
 * APR's `apr_base64_decode`, which ModSecurity v2 uses: decodes the leading run of base64
 * alphabet characters and stops at the first other character (`=`, whitespace, NUL, ...).
 * A final group of one character carries no whole byte and is dropped.
 */
export function base64Decode(value: string): string {
  let run = 0;
  while (run < value.length && base64Value(value.charCodeAt(run)) >= 0) run++;
  const out = outputBuffer(Math.floor((run * 3) / 4));
  const bits = new Base64Bits();
  let j = 0;
  for (let i = 0; i < run; i++) {
    const b = bits.push(i & 3, base64Value(value.charCodeAt(i)));
    if (b >= 0) out[j++] = b;
  }
  return bytesToString(out, j);
}

export default {
  name: 'base64Decode',
  create: () => base64Decode,
} satisfies TransformationDefinition;
