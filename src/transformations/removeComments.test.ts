import { describe, expect, it } from 'vitest';
import { removeComments } from './removeComments.js';

describe('removeComments (ModSecurity v2 quirks)', () => {
  it('removes C and HTML comments, copying the byte after the closing marker', () => {
    expect(removeComments('a/*x*/b')).toBe('ab');
    expect(removeComments('a<!--x-->b')).toBe('ab');
    expect(removeComments('a/*x-->b')).toBe('ab');
  });

  it('copies the byte after a closing marker without examining it', () => {
    expect(removeComments('/*x*//*y*/z')).toBe('/*y*/z');
  });

  it('writes the C string terminator when a comment closes the value', () => {
    expect(removeComments('a/*x*/')).toBe('a\0');
  });

  it('turns an unterminated comment into one space', () => {
    expect(removeComments('a/*x')).toBe('a ');
  });

  it('cuts the value at -- or # outside a comment', () => {
    expect(removeComments("1' or 1=1 -- x")).toBe("1' or 1=1 ");
    expect(removeComments('id#x')).toBe('id');
    expect(removeComments('a/*--#*/b')).toBe('ab');
  });

  it('returns the input when there is nothing to remove', () => {
    expect(removeComments('a-b*/c')).toBe('a-b*/c');
  });
});
