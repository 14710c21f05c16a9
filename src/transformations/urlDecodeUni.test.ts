import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseUnicodeMap } from './unicode-map.js';
import definition, { urlDecodeUni } from './urlDecodeUni.js';

const MAPPING = fileURLToPath(new URL('../../../shared/peers/modsec/conf/unicode.mapping', import.meta.url));

describe('urlDecodeUni without a unicode map', () => {
  const tfn = definition.create({ unicodeMap: null });

  it('keeps the low byte of %uXXXX', () => {
    expect(tfn('%u201c%u00e9%u0041')).toBe('\x1c\xe9A');
  });

  it('adds 0x20 to full-width ASCII (%uff01-%uff5e), in either case', () => {
    expect(tfn('%uff01%uFF5e%uFf3c')).toBe('!~\\');
    expect(tfn('%uff00%uff5f%ufe41')).toBe('\x00\x5fA');
  });

  it('accepts %U and keeps invalid %u and % sequences', () => {
    expect(tfn('%U0041')).toBe('A');
    expect(tfn('%u12')).toBe('%u12');
    expect(tfn('%u12g4%41')).toBe('%u12g4A');
    expect(tfn('100%')).toBe('100%');
    expect(tfn('a+b')).toBe('a b');
  });

  it('returns the input when nothing decodes', () => {
    const s = 'plain %zz text';
    expect(tfn(s)).toBe(s);
  });
});

describe('urlDecodeUni with a unicode map', () => {
  it('maps code points through the map and falls back to the low byte', () => {
    const map = new Map([[0x201c, 0x22], [0x0041, 0x5a]]);
    expect(urlDecodeUni('%u201c%u0041%u2222%41', map)).toBe('"Z\x22A');
  });

  describe.skipIf(!existsSync(MAPPING))('code page 20127 of the real unicode.mapping (needs ../shared/peers)', () => {
    const unicodeMap = existsSync(MAPPING) ? parseUnicodeMap(readFileSync(MAPPING, 'latin1'), 20127) : null;
    const tfn = definition.create({ unicodeMap });

    it('decodes best-fit characters to ASCII', () => {
      expect(tfn('%u201cx%u201d %u2019 %u2014 %u00e9%u00e8 %u00a0')).toBe('"x" \' - ee  ');
    });

    it('uses the low byte for code points the map lacks', () => {
      expect(tfn('%u00a3%u1141')).toBe('\xa3A');
    });

    it('still decodes full-width ASCII and plain %XX', () => {
      expect(tfn('%uff1cscript%uff1e%3c')).toBe('<script><');
    });
  });
});
