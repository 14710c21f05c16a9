import { describe } from 'vitest';
import { htmlEntityDecode } from './htmlEntityDecode.js';
import { itTransforms } from './test-cases.js';

describe('htmlEntityDecode', () => {
  itTransforms(htmlEntityDecode, {
    'decodes the five named entities, case-insensitively, with or without ;': [['&lt;a&GT;&Quot;&amp&nbsp;', '<a>"&\xa0']],
    'keeps other named entities as they are': [['&apos;&copy;x&ampx;', '&apos;&copy;x&ampx;']],
    'decodes decimal and hex entities to one byte (value modulo 256)': [
      ['&#60;&#x3C;&#X3c&#0000065;', '<<<A'],
      ['&#321;&#x141;', 'AA'],
    ],
    'saturates overlong numbers like strtol (low byte of LONG_MAX is 0xff)': [
      ['&#99999999999999999999999;', '\xff'],
      ['&#x10000000000000041;', '\xff'],
      ['&#x7fffffffffffff41;', 'A'],
    ],
    'keeps incomplete entities': [
      ['&', '&'],
      ['a&#', 'a&#'],
      ['&#x', '&#x'],
      ['&#xg;&#;&;', '&#xg;&#;&;'],
    ],
    'returns the input when nothing decodes': [['a & b', 'a & b'], [`${'a'.repeat(80)}&${'\xe9'.repeat(80)}`, `${'a'.repeat(80)}&${'\xe9'.repeat(80)}`]],
    'keeps long runs between entities byte for byte': [
      [`${'a'.repeat(80)}&lt;${'\xe9b'.repeat(40)}&#65${'c'.repeat(33)}&amp`, `${'a'.repeat(80)}<${'\xe9b'.repeat(40)}A${'c'.repeat(33)}&`],
    ],
  });
});
