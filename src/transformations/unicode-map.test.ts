import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseUnicodeMap } from './unicode-map.js';

const MAPPING = fileURLToPath(new URL('../../../shared/peers/modsec/conf/unicode.mapping', import.meta.url));

const SAMPLE = [
  '(MAC - Roman)',
  '',
  '1250  (ANSI - Central Europe)',
  '00a1:21 00a2:63 ff01:21',
  '',
  '20127 (US-ASCII)',
  '00a0:20 00e9:65 201c:22 ff0e:2f',
  '',
  '20261 (T.61)',
  '00e9:99',
].join('\n');

describe('parseUnicodeMap', () => {
  it('reads only the pairs of the requested code page', () => {
    const map = parseUnicodeMap(SAMPLE, 20127);
    expect(map.get(0x00a0)).toBe(0x20);
    expect(map.get(0x00e9)).toBe(0x65);
    expect(map.get(0x201c)).toBe(0x22);
    expect(map.has(0x00a1)).toBe(false); // code page 1250 only
  });

  it("includes ModSecurity's preset full stops, which the file may override", () => {
    const map = parseUnicodeMap(SAMPLE, 20127);
    expect(map.get(0x3002)).toBe(0x2e);
    expect(map.get(0xff61)).toBe(0x2e);
    expect(map.get(0x002e)).toBe(0x2e);
    expect(map.get(0xff0e)).toBe(0x2f); // set by the file after the preset
  });

  it('stops at the next code page header', () => {
    expect(parseUnicodeMap(SAMPLE, 1250).get(0x00e9)).toBeUndefined();
    expect(parseUnicodeMap(SAMPLE, 20261).get(0x00e9)).toBe(0x99);
  });

  it('throws a clear error for a code page the file lacks', () => {
    expect(() => parseUnicodeMap(SAMPLE, 437)).toThrow(/code page 437 not found/);
    expect(() => parseUnicodeMap(SAMPLE, 0)).toThrow(/invalid code page/);
  });

  describe.skipIf(!existsSync(MAPPING))('the real unicode.mapping (needs ../shared/peers/modsec/conf)', () => {
    const text = existsSync(MAPPING) ? readFileSync(MAPPING, 'latin1') : '';

    it('reads code page 20127 (US-ASCII)', () => {
      const map = parseUnicodeMap(text, 20127);
      expect(map.get(0x00a0)).toBe(0x20);
      expect(map.get(0x201c)).toBe(0x22);
      expect(map.get(0x2014)).toBe(0x2d);
      expect(map.get(0xff01)).toBe(0x21);
      expect(map.get(0xff5e)).toBe(0x7e);
      expect(map.has(0x00a3)).toBe(false);
      expect(map.size).toBeGreaterThan(300);
    });

    it('rejects a code page that is not in the file', () => {
      expect(() => parseUnicodeMap(text, 12345)).toThrow(/not found/);
    });
  });
});
