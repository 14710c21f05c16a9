import { describe, expect, it } from 'vitest';
import { utf8toUnicode } from './utf8toUnicode.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('utf8toUnicode (ModSecurity v2)', () => {
  it('writes 2- and 3-byte sequences as %uXXXX, lower-case and zero-padded', () => {
    expect(utf8toUnicode(utf8('aé€<'))).toBe('a%u00e9%u20ac<');
  });

  it('returns ASCII input unchanged', () => {
    expect(utf8toUnicode('plain ascii')).toBe('plain ascii');
  });

  it("computes 4-byte code points with v2's `< 6` typo", () => {
    // U+1F600 is F0 9F 98 80: the third byte contributes (0x18 < 6) = 0 instead of 0x18 << 6.
    expect(utf8toUnicode(utf8('😀'))).toBe('%u1f000');
    // U+10000 is F0 90 80 80: (0x00 < 6) = 1.
    expect(utf8toUnicode('\xf0\x90\x80\x80')).toBe('%u10001');
  });

  it('drops a lead byte whose continuation is missing or invalid', () => {
    expect(utf8toUnicode('a\xc3')).toBe('a');
    // E2 82 42: E2 is dropped, then 82 is a stray continuation byte and is kept.
    expect(utf8toUnicode('\xc3A\xe2\x82B')).toBe('A\x82B');
  });

  it('keeps stray continuation bytes and 0xF8-0xFF', () => {
    expect(utf8toUnicode('\x80\xbf\xf8\xff')).toBe('\x80\xbf\xf8\xff');
  });

  it('repeats the lead byte after overlong forms and surrogates', () => {
    expect(utf8toUnicode('\xc0\xaf')).toBe('%u002f\xc0');
    expect(utf8toUnicode('\xed\xa0\x80')).toBe('%ud800\xed');
  });

  it('writes a 0xF5-0xF7 lead byte before its sequence', () => {
    expect(utf8toUnicode('\xf5\x80\x80\x80')).toBe('\xf5%u140001');
  });

  it('ends at the first NUL byte (v2 reads the result with strlen)', () => {
    expect(utf8toUnicode(utf8('é\0é'))).toBe('%u00e9');
    expect(utf8toUnicode('ab\0cd')).toBe('ab');
  });
});
