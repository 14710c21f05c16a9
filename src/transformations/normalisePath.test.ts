import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePath } from './normalisePath.js';
import { normalisePathWin } from './normalisePathWin.js';

describe('normalisePath', () => {
  it('resolves traversal in absolute paths without climbing above the root', () => {
    expect(normalisePath('/a/b/../../../etc/./passwd')).toBe('/etc/passwd');
    expect(normalisePath('/a/b/..')).toBe('/a');
  });

  it('drops the root slash when the path resolves to the root (v2 trailing-slash rule)', () => {
    expect(normalisePath('/..')).toBe('');
    expect(normalisePath('/a/..')).toBe('');
  });

  it('keeps unresolvable .. in relative paths', () => {
    expect(normalisePath('a/../../b')).toBe('../b');
  });

  it('loses a leading .. once a later segment was resolved (v2 quirk)', () => {
    expect(normalisePath('../a/../../b')).toBe('b');
  });

  it('leaves backslashes alone', () => {
    expect(normalisePath('a\\..\\b')).toBe('a\\..\\b');
  });

  it('does not change a path without dots or repeated slashes', () => {
    // normalisePath takes a shortcut for these; the Win variant, given backslashes, runs the
    // full algorithm and must agree.
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z/]{0,12}$/), (p) => {
        fc.pre(!p.includes('//'));
        expect(normalisePath(p)).toBe(p);
        expect(normalisePathWin(p.replaceAll('/', '\\'))).toBe(p);
      }),
    );
  });

  it('is idempotent on absolute paths', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\/[a./]{0,14}$/), (p) => {
        const once = normalisePath(p);
        expect(normalisePath(once)).toBe(once);
      }),
    );
  });
});

describe('normalisePathWin', () => {
  it('treats backslashes as slashes', () => {
    expect(normalisePathWin('c:\\windows\\..\\boot.ini')).toBe('c:/boot.ini');
    expect(normalisePathWin('\\\\a\\/b')).toBe('/a/b');
  });
});
