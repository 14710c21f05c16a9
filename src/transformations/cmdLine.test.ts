import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmdLine } from './cmdLine.js';
import { itTransforms } from './test-cases.js';

/** ModSecurity's cmdline, char by char, as the oracle of the property below. */
function reference(value: string): string {
  let out = '';
  let space = false;
  for (const ch of value) {
    if (ch === '\0') break;
    if ('"\'\\^'.includes(ch)) continue;
    if (' ,;\t\r\n'.includes(ch)) {
      if (!space) out += ' ';
      space = true;
    } else if (ch === '/' || ch === '(') {
      if (space) out = out.slice(0, -1);
      space = false;
      out += ch;
    } else {
      out += /[A-Z]/.test(ch) ? ch.toLowerCase() : ch;
      space = false;
    }
  }
  return out;
}

describe('cmdLine', () => {
  itTransforms(cmdLine, {
    'deletes quotes, backslashes and carets, and lower-cases': [['W"h\'o\\a^M^I', 'whoami']],
    'turns runs of separators into one space, ignoring deleted characters inside a run': [
      ['a ,;\t\r\nb', 'a b'],
      ['a ^ b', 'a b'],
    ],
    'drops the space before / and (': [['cmd /c dir ( x )', 'cmd/c dir( x )']],
    'ends at the first NUL byte, as v2 reads a C string': [['ls\0 -la', 'ls']],
    'does not fold Latin-1 letters': [['\xc0B', '\xc0b']],
    'returns prose with single spaces as it is': [['the quick brown fox 42 ', 'the quick brown fox 42 ']],
  });

  it('agrees with a char-by-char reading of ModSecurity (fast-check)', () => {
    const chars = ['a', 'B', 'z', '1', ' ', ' ', '/', '(', ',', ';', '"', "'", '\\', '^', '\t', '\n', '\0', '\xe9', '\xc0', '-'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 40 }), (cs) => {
        const v = cs.join('');
        expect(cmdLine(v), JSON.stringify(v)).toBe(reference(v));
      }),
      { numRuns: 3000 },
    );
  });
});
