import { describe } from 'vitest';
import { cssDecode } from './cssDecode.js';
import { itTransforms } from './test-cases.js';

describe('cssDecode', () => {
  itTransforms(cssDecode, {
    'keeps the byte of the last two hex digits': [['\\3c\\03c\\0003c\\00003c\\a', '<<<<\n']],
    'adds 0x20 to full-width ASCII only for 4 digits or zero-padded 5-6 digits': [
      ['\\ff1c|\\0ff1c|\\00ff1c|\\1ff1c|\\ff5f', '\\|\\|\\|\x1c|\x5f'.replaceAll('\\', '<')],
    ],
    'swallows one whitespace after a hex escape': [['\\41 \\42\t\\43  x', 'ABC x']],
    'removes an escaped newline and a trailing backslash, and unescapes other characters': [['a\\\nb\\"c\\', 'ab"c']],
  });
});
