import { describe } from 'vitest';
import { removeComments } from './removeComments.js';
import { itTransforms } from './test-cases.js';

describe('removeComments (ModSecurity v2 quirks)', () => {
  itTransforms(removeComments, {
    'removes C and HTML comments, copying the byte after the closing marker': [
      ['a/*x*/b', 'ab'],
      ['a<!--x-->b', 'ab'],
      ['a/*x-->b', 'ab'],
    ],
    'copies the byte after a closing marker without examining it': [['/*x*//*y*/z', '/*y*/z']],
    'writes the C string terminator when a comment closes the value': [['a/*x*/', 'a\0']],
    'turns an unterminated comment into one space': [['a/*x', 'a ']],
    'cuts the value at -- or # outside a comment': [
      ["1' or 1=1 -- x", "1' or 1=1 "],
      ['id#x', 'id'],
      ['a/*--#*/b', 'ab'],
    ],
    'returns the input when there is nothing to remove': [['a-b*/c', 'a-b*/c']],
  });
});
