import { describe, expect, it } from 'vitest';
import { compressWhitespace } from './compressWhitespace.js';
import { removeWhitespace } from './removeWhitespace.js';
import { trim } from './trim.js';
import { trimLeft } from './trimLeft.js';
import { trimRight } from './trimRight.js';

describe('whitespace transformations', () => {
  it('compressWhitespace and removeWhitespace count NBSP (0xA0) as whitespace', () => {
    expect(compressWhitespace('a\xa0\xa0b\tc')).toBe('a b c');
    expect(removeWhitespace('a\xa0b\v\fc')).toBe('abc');
  });

  it('trim uses C isspace only: NBSP and NUL stay', () => {
    expect(trim('\xa0 x \xa0')).toBe('\xa0 x \xa0');
    expect(trim('\v\f x\0 \r\n')).toBe('x\0');
    expect(trimLeft('\t x ')).toBe('x ');
    expect(trimRight(' x \t')).toBe(' x');
    expect(trim(' \t ')).toBe('');
  });

  it('return the input when there is nothing to change', () => {
    expect(compressWhitespace('a b c')).toBe('a b c');
    expect(removeWhitespace('abc')).toBe('abc');
  });
});
