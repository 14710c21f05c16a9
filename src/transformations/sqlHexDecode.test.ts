import { describe } from 'vitest';
import { sqlHexDecode } from './sqlHexDecode.js';
import { itTransforms } from './test-cases.js';

describe('sqlHexDecode', () => {
  itTransforms(sqlHexDecode, {
    'decodes 0x runs of hex pairs': [['select 0x414243,0X61', 'select ABC,a']],
    'keeps 0x without a full pair, and an odd last digit': [['0x 0x4 0x414', '0x 0x4 A4']],
    'copies the byte after a run without examining it': [['0x410x42', 'A0x42']],
    'ends at the first NUL, whether in the input or decoded (C string)': [
      ['a\0b', 'a'],
      ['0x410042', 'A'],
    ],
  });
});
