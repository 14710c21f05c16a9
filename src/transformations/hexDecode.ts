import { bytesToString, outputBuffer, x2c } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/**
 * ModSecurity's `hex2bytes_inplace`: each pair of characters becomes one byte through the
 * unchecked `x2c` (non-hex characters are not rejected), and an odd last character is dropped.
 */
export function hexDecode(value: string): string {
  const pairs = value.length >> 1;
  const out = outputBuffer(pairs);
  for (let k = 0, i = 0; k < pairs; k++, i += 2) {
    out[k] = x2c(value.charCodeAt(i), value.charCodeAt(i + 1));
  }
  return bytesToString(out, pairs);
}

export default {
  name: 'hexDecode',
  create: () => hexDecode,
} satisfies TransformationDefinition;
