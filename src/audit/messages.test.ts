import { describe, it, expect } from 'vitest';
import { logUnescape, parseLogLine } from './messages.js';

const LINE = 'ModSecurity: Access denied with code 403 (phase 2). Matched "Operator `Rx\' with parameter `a[id "9"]\' against variable `ARGS:q\' (Value: `x\\"y\' ) '
  + '[file "/r/a.conf"] [line "12"] [id "942100"] [rev "2"] [msg "say \\"hi\\" \\\\ now"] [data "caf\\xc3\\xa9"] [severity "2"] [ver "OWASP_CRS/4.28.0"] '
  + '[maturity "9"] [accuracy "8"] [tag "attack-sqli"] [tag "OWASP_CRS"] [hostname "10.0.0.1"] [uri "/x"] [unique_id "abc"]';

describe('parseLogLine', () => {
  it('reads the fields of a rule log line, unescaped', () => {
    const m = parseLogLine(LINE);
    expect(m).toMatchObject({
      ruleId: 942100, msg: 'say "hi" \\ now', file: '/r/a.conf', lineNumber: '12', data: 'caf\xc3\xa9', severity: '2',
      ver: 'OWASP_CRS/4.28.0', rev: '2', maturity: '9', accuracy: '8', tags: ['attack-sqli', 'OWASP_CRS'],
    });
    // brackets inside the operator parameter are not fields
    expect(m.match).toBe('Matched "Operator `Rx\' with parameter `a[id "9"]\' against variable `ARGS:q\' (Value: `x\\"y\' )');
  });

  it('keeps the part H text: no ModSecurity prefix, no error-log-only fields', () => {
    const m = parseLogLine(LINE);
    expect(m.text.startsWith('Access denied with code 403 (phase 2). Matched')).toBe(true);
    expect(m.text.endsWith('[tag "OWASP_CRS"]')).toBe(true);
  });

  it('gives libmodsecurity defaults for missing fields', () => {
    const m = parseLogLine('ModSecurity: Warning. Unconditional match in SecAction. [file "f"] [line "1"] [id "5"] [severity ""]');
    expect(m).toMatchObject({ ruleId: 5, match: 'Unconditional match in SecAction.', severity: '0', maturity: '0', accuracy: '0', tags: [] });
  });

  it('reads engine messages that no rule wrote', () => {
    const m = parseLogLine('ModSecurity: Multipart parsing error (init): Multipart: Boundary not found in C-T.');
    expect(m.ruleId).toBeNull();
    expect(m.text).toBe('Multipart parsing error (init): Multipart: Boundary not found in C-T.');
  });
});

describe('logUnescape', () => {
  it('reverses the log escaping', () => {
    expect(logUnescape('a\\"b\\\\c\\x00\\xff')).toBe('a"b\\c\x00\xff');
  });
});
