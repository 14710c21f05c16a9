import { describe } from 'vitest';
import { base64Decode } from './base64Decode.js';
import { base64DecodeExt } from './base64DecodeExt.js';
import { itTransforms } from './test-cases.js';

describe('base64Decode (APR)', () => {
  itTransforms(base64Decode, {
    'stops at the first character outside the alphabet': [
      ['SGVsbG8=V29ybGQ=', 'Hello'],
      ['SGVs bG8=', 'Hel'],
      ['SGVsbG8-_', 'Hello'],
    ],
    'drops a final lone character and keeps embedded NUL bytes': [
      ['QUJDR', 'ABC'],
      ['AEE=', '\0A'],
    ],
    'returns an empty string when nothing decodes': [['!!', '']],
  });
});

describe('base64DecodeExt', () => {
  itTransforms(base64DecodeExt, {
    'skips characters outside the alphabet instead of stopping': [
      ['SGVs bG8=\r\n', 'Hello'],
      ['S.G-V_s*b!G8', 'Hello'],
    ],
    'rejects a lone = right after the first character of a quantum': [
      ['QUJDR=', ''],
      // The second = is followed by the end of the string, not another =, so this fails too.
      ['QUJDR==', ''],
      ['QUJDRA==', 'ABCD'],
    ],
    'stops at a NUL byte': [['QUJD\0REVG', 'ABC']],
  });
});
