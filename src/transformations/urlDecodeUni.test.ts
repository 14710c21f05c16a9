import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { itTransforms } from './test-cases.js';
import { parseUnicodeMap } from './unicode-map.js';
import definition, { urlDecodeUni } from './urlDecodeUni.js';

const MAPPING = fileURLToPath(new URL('../../../shared/peers/modsec/conf/unicode.mapping', import.meta.url));

describe('urlDecodeUni without a unicode map', () => {
  itTransforms(definition.create({ unicodeMap: null }), {
    'keeps the low byte of %uXXXX': [['%u201c%u00e9%u0041', '\x1c\xe9A']],
    'adds 0x20 to full-width ASCII (%uff01-%uff5e), in either case': [
      ['%uff01%uFF5e%uFf3c', '!~\\'],
      ['%uff00%uff5f%ufe41', '\x00\x5fA'],
    ],
    'accepts %U and keeps invalid %u and % sequences': [
      ['%U0041', 'A'],
      ['%u12', '%u12'],
      ['%u12g4%41', '%u12g4A'],
      ['100%', '100%'],
      ['a+b', 'a b'],
    ],
    'returns the input when nothing decodes': [['plain %zz text', 'plain %zz text']],
    'decodes escapes at the very end, and not a truncated one': [
      ['ab%41', 'abA'],
      ['ab%4', 'ab%4'],
      ['ab%u004', 'ab%u004'],
      ['ab%u0041', 'abA'],
    ],
    'decodes long values with escapes far apart, keeping every byte between': [
      [`${'x'.repeat(100)}%41${'\xe9+'.repeat(40)}%u0042%zz${'y'.repeat(70)}+`, `${'x'.repeat(100)}A${'\xe9 '.repeat(40)}B%zz${'y'.repeat(70)} `],
    ],
  });
});

describe('urlDecodeUni with a unicode map', () => {
  const map = new Map([[0x201c, 0x22], [0x0041, 0x5a]]);
  itTransforms((value) => urlDecodeUni(value, map), {
    'maps code points through the map and falls back to the low byte': [['%u201c%u0041%u2222%41', '"Z\x22A']],
  });

  describe.skipIf(!existsSync(MAPPING))('code page 20127 of the real unicode.mapping (needs ../shared/peers)', () => {
    const unicodeMap = existsSync(MAPPING) ? parseUnicodeMap(readFileSync(MAPPING, 'latin1'), 20127) : null;
    itTransforms(definition.create({ unicodeMap }), {
      'decodes best-fit characters to ASCII': [['%u201cx%u201d %u2019 %u2014 %u00e9%u00e8 %u00a0', '"x" \' - ee  ']],
      'uses the low byte for code points the map lacks': [['%u00a3%u1141', '\xa3A']],
      'still decodes full-width ASCII and plain %XX': [['%uff1cscript%uff1e%3c', '<script><']],
    });
  });
});
