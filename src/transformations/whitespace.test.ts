import { describe } from 'vitest';
import { compressWhitespace } from './compressWhitespace.js';
import { removeWhitespace } from './removeWhitespace.js';
import { itTransforms } from './test-cases.js';
import { trim } from './trim.js';
import { trimLeft } from './trimLeft.js';
import { trimRight } from './trimRight.js';

describe('whitespace transformations', () => {
  itTransforms(null, {
    'compressWhitespace and removeWhitespace count NBSP (0xA0) as whitespace': [
      [compressWhitespace, 'a\xa0\xa0b\tc', 'a b c'],
      [removeWhitespace, 'a\xa0b\v\fc', 'abc'],
    ],
    'trim uses C isspace only: NBSP and NUL stay': [
      [trim, '\xa0 x \xa0', '\xa0 x \xa0'],
      [trim, '\v\f x\0 \r\n', 'x\0'],
      [trimLeft, '\t x ', 'x '],
      [trimRight, ' x \t', ' x'],
      [trim, ' \t ', ''],
    ],
    'return the input when there is nothing to change': [
      [compressWhitespace, 'a b c', 'a b c'],
      [removeWhitespace, 'abc', 'abc'],
    ],
  });
});
