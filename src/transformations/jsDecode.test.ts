import { describe } from 'vitest';
import { jsDecode } from './jsDecode.js';
import { itTransforms } from './test-cases.js';

describe('jsDecode', () => {
  itTransforms(jsDecode, {
    'keeps only the low byte of \\uHHHH, plus 0x20 for full-width ASCII': [['\\u0041\\u2041\\uff0e\\uFF3C\\uff00', 'AA.\\\x00']],
    'decodes \\xHH and the C letter escapes': [['\\x41\\x4a\\a\\b\\f\\n\\r\\t\\v', 'AJ\x07\b\f\n\r\t\v']],
    'decodes octal escapes of at most one byte': [['\\101\\7\\08\\377\\400', 'A\x07\x008\xff\x200']],
    'turns any other escaped character into itself, including invalid \\u and \\x': [['\\"\\\'\\\\\\z\\u12\\xg', '"\'\\zu12xg']],
    'keeps a trailing backslash': [['abc\\', 'abc\\']],
  });
});
