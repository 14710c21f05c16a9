import { describe, expect, it } from 'vitest';
import { htmlEntityDecode } from './htmlEntityDecode.js';

describe('htmlEntityDecode', () => {
  it('decodes the five named entities, case-insensitively, with or without ;', () => {
    expect(htmlEntityDecode('&lt;a&GT;&Quot;&amp&nbsp;')).toBe('<a>"&\xa0');
  });

  it('keeps other named entities as they are', () => {
    expect(htmlEntityDecode('&apos;&copy;x&ampx;')).toBe('&apos;&copy;x&ampx;');
  });

  it('decodes decimal and hex entities to one byte (value modulo 256)', () => {
    expect(htmlEntityDecode('&#60;&#x3C;&#X3c&#0000065;')).toBe('<<<A');
    expect(htmlEntityDecode('&#321;&#x141;')).toBe('AA');
  });

  it('saturates overlong numbers like strtol (low byte of LONG_MAX is 0xff)', () => {
    expect(htmlEntityDecode('&#99999999999999999999999;')).toBe('\xff');
    expect(htmlEntityDecode('&#x10000000000000041;')).toBe('\xff');
    expect(htmlEntityDecode('&#x7fffffffffffff41;')).toBe('A');
  });

  it('keeps incomplete entities', () => {
    expect(htmlEntityDecode('&')).toBe('&');
    expect(htmlEntityDecode('a&#')).toBe('a&#');
    expect(htmlEntityDecode('&#x')).toBe('&#x');
    expect(htmlEntityDecode('&#xg;&#;&;')).toBe('&#xg;&#;&;');
  });

  it('returns the input when nothing decodes', () => {
    expect(htmlEntityDecode('a & b')).toBe('a & b');
  });
});
