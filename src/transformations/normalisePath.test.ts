import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePath } from './normalisePath.js';
import { normalisePathWin } from './normalisePathWin.js';
import { itTransforms } from './test-cases.js';

describe('normalisePath', () => {
  itTransforms(normalisePath, {
    'resolves traversal in absolute paths without climbing above the root': [
      ['/a/b/../../../etc/./passwd', '/etc/passwd'],
      ['/a/b/..', '/a'],
    ],
    'drops the root slash when the path resolves to the root (v2 trailing-slash rule)': [
      ['/..', ''],
      ['/a/..', ''],
    ],
    'keeps unresolvable .. in relative paths': [['a/../../b', '../b']],
    'loses a leading .. once a later segment was resolved (v2 quirk)': [['../a/../../b', 'b']],
    'leaves backslashes alone': [['a\\..\\b', 'a\\..\\b']],
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
  itTransforms(normalisePathWin, {
    'treats backslashes as slashes': [
      ['c:\\windows\\..\\boot.ini', 'c:/boot.ini'],
      ['\\\\a\\/b', '/a/b'],
    ],
  });
});
