import { describe, expect, it } from 'vitest';
import { bytesToString, outputBuffer, x2c } from './bytes.js';
import { lowercase } from './lowercase.js';
import { parityEven7bit } from './parityEven7bit.js';
import { parityOdd7bit } from './parityOdd7bit.js';
import { itTransforms } from './test-cases.js';
import { uppercase } from './uppercase.js';

describe('byte helpers', () => {
  it('x2c converts unchecked, like ModSecurity', () => {
    expect(x2c(0x34, 0x31)).toBe(0x41);
    expect(x2c(0x30, 0x7a)).toBe(0x23); // "0z"
  });

  it('output buffers grow past the shared size, and past the sharing limit', () => {
    for (const n of [100_000, 5_000_000]) {
      const out = outputBuffer(n).fill(0xe9, 0, n);
      expect(bytesToString(out, n)).toBe('\xe9'.repeat(n));
    }
  });

  itTransforms(null, {
    'case transformations fold ASCII only': [
      [lowercase, 'AbC\xc0\xdf', 'abc\xc0\xdf'],
      [uppercase, 'aBc\xe0\xff\xb5', 'ABC\xe0\xff\xb5'],
    ],
    'parity is computed over all 8 bits, as in v2': [
      [parityEven7bit, '\x81\x01a', '\x01\x81\xe1'],
      [parityOdd7bit, '\x81\x01a', '\x81\x01a'],
    ],
  });
});
