import { describe } from 'vitest';
import { itTransforms } from './test-cases.js';
import { utf8toUnicode } from './utf8toUnicode.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('utf8toUnicode (ModSecurity v2)', () => {
  itTransforms(utf8toUnicode, {
    'writes 2- and 3-byte sequences as %uXXXX, lower-case and zero-padded': [[utf8('aé€<'), 'a%u00e9%u20ac<']],
    'returns ASCII input unchanged': [['plain ascii', 'plain ascii']],
    "computes 4-byte code points with v2's `< 6` typo": [
      // U+1F600 is F0 9F 98 80: the third byte contributes (0x18 < 6) = 0 instead of 0x18 << 6.
      [utf8('😀'), '%u1f000'],
      // U+10000 is F0 90 80 80: (0x00 < 6) = 1.
      ['\xf0\x90\x80\x80', '%u10001'],
    ],
    'drops a lead byte whose continuation is missing or invalid': [
      ['a\xc3', 'a'],
      // E2 82 42: E2 is dropped, then 82 is a stray continuation byte and is kept.
      ['\xc3A\xe2\x82B', 'A\x82B'],
    ],
    'keeps stray continuation bytes and 0xF8-0xFF': [['\x80\xbf\xf8\xff', '\x80\xbf\xf8\xff']],
    'repeats the lead byte after overlong forms and surrogates': [
      ['\xc0\xaf', '%u002f\xc0'],
      ['\xed\xa0\x80', '%ud800\xed'],
    ],
    'writes a 0xF5-0xF7 lead byte before its sequence': [['\xf5\x80\x80\x80', '\xf5%u140001']],
    'ends at the first NUL byte (v2 reads the result with strlen)': [
      [utf8('é\0é'), '%u00e9'],
      ['ab\0cd', 'ab'],
    ],
  });
});
