import { describe } from 'vitest';
import { cmdLine } from './cmdLine.js';
import { itTransforms } from './test-cases.js';

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
  });
});
