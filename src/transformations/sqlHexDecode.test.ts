import { describe, expect, it } from 'vitest';
import { sqlHexDecode } from './sqlHexDecode.js';

describe('sqlHexDecode', () => {
  it('decodes 0x runs of hex pairs', () => {
    expect(sqlHexDecode('select 0x414243,0X61')).toBe('select ABC,a');
  });

  it('keeps 0x without a full pair, and an odd last digit', () => {
    expect(sqlHexDecode('0x 0x4 0x414')).toBe('0x 0x4 A4');
  });

  it('copies the byte after a run without examining it', () => {
    expect(sqlHexDecode('0x410x42')).toBe('A0x42');
  });

  it('ends at the first NUL, whether in the input or decoded (C string)', () => {
    expect(sqlHexDecode('a\0b')).toBe('a');
    expect(sqlHexDecode('0x410042')).toBe('A');
  });
});
