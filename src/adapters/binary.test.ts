import { describe, expect, it } from 'vitest';
import { binary, toBuffer } from './binary.js';

describe('binary', () => {
  it('keeps latin1 strings (what Node parses headers into) as they are', () => {
    const s = '\u00c3\u00a9\u0000\u00ff';
    expect(binary(s)).toBe(s);
  });
  it('encodes wider characters as their UTF-8 bytes', () => {
    expect(binary('caf\u00e9 \u20ac')).toBe('caf\u00c3\u00a9 \u00e2\u0082\u00ac');
  });
});

describe('toBuffer', () => {
  it('turns strings (with their encoding), Buffers and typed arrays into bytes', () => {
    expect(toBuffer('\u00e9', 'latin1')).toEqual(Buffer.from([0xe9]));
    expect(toBuffer('\u00e9')).toEqual(Buffer.from([0xc3, 0xa9]));
    const u = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    expect(toBuffer(u)).toEqual(Buffer.from([2, 3]));
  });
});
