import { describe, expect, it } from 'vitest';
import { base64Decode } from './base64Decode.js';
import { base64DecodeExt } from './base64DecodeExt.js';

describe('base64Decode (APR)', () => {
  it('stops at the first character outside the alphabet', () => {
    expect(base64Decode('SGVsbG8=V29ybGQ=')).toBe('Hello');
    expect(base64Decode('SGVs bG8=')).toBe('Hel');
    expect(base64Decode('SGVsbG8-_')).toBe('Hello');
  });

  it('drops a final lone character and keeps embedded NUL bytes', () => {
    expect(base64Decode('QUJDR')).toBe('ABC');
    expect(base64Decode('AEE=')).toBe('\0A');
  });

  it('returns an empty string when nothing decodes', () => {
    expect(base64Decode('!!')).toBe('');
  });
});

describe('base64DecodeExt', () => {
  it('skips characters outside the alphabet instead of stopping', () => {
    expect(base64DecodeExt('SGVs bG8=\r\n')).toBe('Hello');
    expect(base64DecodeExt('S.G-V_s*b!G8')).toBe('Hello');
  });

  it('rejects a lone = right after the first character of a quantum', () => {
    expect(base64DecodeExt('QUJDR=')).toBe('');
    // The second = is followed by the end of the string, not another =, so this fails too.
    expect(base64DecodeExt('QUJDR==')).toBe('');
    expect(base64DecodeExt('QUJDRA==')).toBe('ABCD');
  });

  it('stops at a NUL byte', () => {
    expect(base64DecodeExt('QUJD\0REVG')).toBe('ABC');
  });
});
