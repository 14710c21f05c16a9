import { describe, expect, it } from 'vitest';
import { escapeSeqDecode } from './escapeSeqDecode.js';

// The vector file's richer cases do not survive its harness's unquoting, so they live here.
describe('escapeSeqDecode', () => {
  it('decodes the ANSI C escapes', () => {
    expect(escapeSeqDecode('\\a\\b\\f\\n\\r\\t\\v\\?\\\'\\"\\\\')).toBe('\x07\b\f\n\r\t\v?\'"\\');
  });

  it('decodes octal and \\x/\\X hex escapes', () => {
    expect(escapeSeqDecode('\\0\\12\\123\\x00\\xff\\X41')).toBe('\x00\nS\x00\xffA');
  });

  it('takes octal values modulo 256 (no one-byte limit, unlike jsDecode)', () => {
    expect(escapeSeqDecode('\\666\\0123')).toBe('\xb6\n3');
  });

  it('drops the backslash of unknown or invalid escapes', () => {
    expect(escapeSeqDecode('\\8\\9\\xag\\xga\\z')).toBe('89xagxgaz');
  });

  it('keeps a trailing backslash', () => {
    expect(escapeSeqDecode('a\\')).toBe('a\\');
  });
});
