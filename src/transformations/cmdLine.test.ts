import { describe, expect, it } from 'vitest';
import { cmdLine } from './cmdLine.js';

describe('cmdLine', () => {
  it('deletes quotes, backslashes and carets, and lower-cases', () => {
    expect(cmdLine('W"h\'o\\a^M^I')).toBe('whoami');
  });

  it('turns runs of separators into one space, ignoring deleted characters inside a run', () => {
    expect(cmdLine('a ,;\t\r\nb')).toBe('a b');
    expect(cmdLine('a ^ b')).toBe('a b');
  });

  it('drops the space before / and (', () => {
    expect(cmdLine('cmd /c dir ( x )')).toBe('cmd/c dir( x )');
  });

  it('ends at the first NUL byte, as v2 reads a C string', () => {
    expect(cmdLine('ls\0 -la')).toBe('ls');
  });

  it('does not fold Latin-1 letters', () => {
    expect(cmdLine('\xc0B')).toBe('\xc0b');
  });
});
