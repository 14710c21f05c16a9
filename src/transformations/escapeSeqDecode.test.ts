import { describe } from 'vitest';
import { escapeSeqDecode } from './escapeSeqDecode.js';
import { itTransforms } from './test-cases.js';

// The vector file's richer cases do not survive its harness's unquoting, so they live here.
describe('escapeSeqDecode', () => {
  itTransforms(escapeSeqDecode, {
    'decodes the ANSI C escapes': [['\\a\\b\\f\\n\\r\\t\\v\\?\\\'\\"\\\\', '\x07\b\f\n\r\t\v?\'"\\']],
    'decodes octal and \\x/\\X hex escapes': [['\\0\\12\\123\\x00\\xff\\X41', '\x00\nS\x00\xffA']],
    'takes octal values modulo 256 (no one-byte limit, unlike jsDecode)': [['\\666\\0123', '\xb6\n3']],
    'drops the backslash of unknown or invalid escapes': [['\\8\\9\\xag\\xga\\z', '89xagxgaz']],
    'keeps a trailing backslash': [['a\\', 'a\\']],
  });
});
