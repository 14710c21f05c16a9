import { describe, expect, it } from 'vitest';
import { getTransformation, transformations } from './registry.js';

describe('transformation registry', () => {
  it('looks names up case-insensitively', () => {
    expect(getTransformation('cmdLine')?.name).toBe('cmdLine');
    expect(getTransformation('CMDLINE')?.name).toBe('cmdLine');
    expect(getTransformation('base64decode')?.name).toBe('base64Decode');
    expect(getTransformation('utf8ToUnicode')?.name).toBe('utf8toUnicode');
  });

  it('registers the American spellings as aliases', () => {
    expect(getTransformation('normalizePath')).toBe(getTransformation('normalisePath'));
    expect(getTransformation('normalizePathWin')).toBe(getTransformation('normalisePathWin'));
  });

  it('does not register none, which resets the chain', () => {
    expect(getTransformation('none')).toBeUndefined();
  });

  it('keys every entry by its lower-cased name', () => {
    for (const [key, d] of transformations) {
      expect(key).toBe(key.toLowerCase());
      expect(typeof d.create({ unicodeMap: null })).toBe('function');
    }
    expect(transformations.size).toBe(37);
  });
});
