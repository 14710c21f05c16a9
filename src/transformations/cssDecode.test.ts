import { describe, expect, it } from 'vitest';
import { cssDecode } from './cssDecode.js';

describe('cssDecode', () => {
  it('keeps the byte of the last two hex digits', () => {
    expect(cssDecode('\\3c\\03c\\0003c\\00003c\\a')).toBe('<<<<\n');
  });

  it('adds 0x20 to full-width ASCII only for 4 digits or zero-padded 5-6 digits', () => {
    expect(cssDecode('\\ff1c|\\0ff1c|\\00ff1c|\\1ff1c|\\ff5f')).toBe('\\|\\|\\|\x1c|\x5f'.replaceAll('\\', '<'));
  });

  it('swallows one whitespace after a hex escape', () => {
    expect(cssDecode('\\41 \\42\t\\43  x')).toBe('ABC x');
  });

  it('removes an escaped newline and a trailing backslash, and unescapes other characters', () => {
    expect(cssDecode('a\\\nb\\"c\\')).toBe('ab"c');
  });
});
