import { describe, expect, it } from 'vitest';
import { jsDecode } from './jsDecode.js';

describe('jsDecode', () => {
  it('keeps only the low byte of \\uHHHH, plus 0x20 for full-width ASCII', () => {
    expect(jsDecode('\\u0041\\u2041\\uff0e\\uFF3C\\uff00')).toBe('AA.\\\x00');
  });

  it('decodes \\xHH and the C letter escapes', () => {
    expect(jsDecode('\\x41\\x4a\\a\\b\\f\\n\\r\\t\\v')).toBe('AJ\x07\b\f\n\r\t\v');
  });

  it('decodes octal escapes of at most one byte', () => {
    expect(jsDecode('\\101\\7\\08\\377\\400')).toBe('A\x07\x008\xff\x200');
  });

  it('turns any other escaped character into itself, including invalid \\u and \\x', () => {
    expect(jsDecode('\\"\\\'\\\\\\z\\u12\\xg')).toBe('"\'\\zu12xg');
  });

  it('keeps a trailing backslash', () => {
    expect(jsDecode('abc\\')).toBe('abc\\');
  });
});
