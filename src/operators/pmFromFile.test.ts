import { describe, expect, it } from 'vitest';
import pmFromFile, { readPhraseFile } from './pmFromFile.js';
import { getOperator } from './registry.js';
import { testContext, testEnv } from './test-env.js';

describe('@pmFromFile', () => {
  const files = { 'a.data': '# comment\n\n  passwd  \r\n/etc/shadow\n', 'b.data': 'BOOT.INI\n' };

  it('reads every named file, skipping comments and blank lines, trimming whitespace', () => {
    expect(readPhraseFile(files['a.data'])).toEqual(['passwd', '/etc/shadow']);
    const op = pmFromFile.create('a.data b.data', testEnv(files));
    expect(op.evaluate('/x/boot.ini', testContext('/x/boot.ini'))).toBe(true);
    expect(op.evaluate('cat /etc/passwd', testContext('cat /etc/passwd'))).toBe(true);
    expect(op.evaluate('# comment', testContext('# comment'))).toBe(false);
  });

  it('reads the last line of a file that does not end with a line break on its own', () => {
    const op = pmFromFile.create('c.data d.data', testEnv({ 'c.data': 'alpha', 'd.data': 'beta' }));
    expect(op.evaluate('x alpha', testContext('x alpha'))).toBe(true);
    expect(op.evaluate('x beta', testContext('x beta'))).toBe(true);
  });

  it('applies the @pm content decoding to lines, as v2 does (|int has no hex digits, so it vanishes)', () => {
    expect(readPhraseFile('type string|int\nFFI\\\\CData\nsegfault\\ncleanly\n')).toEqual(['type string', 'FFI\\CData', 'segfault\\ncleanly']);
  });

  it('is also @pmf, and a URL data source is reported as unavailable', () => {
    expect(getOperator('PMF')).toBe(pmFromFile);
    const env = testEnv();
    const op = pmFromFile.create('https://example.com/list.data', env);
    expect(op.evaluate('anything', testContext('anything'))).toBe(false);
    expect(env.warnings).toEqual([expect.stringMatching(/^pmFromFile: unavailable: /)]);
  });

  it('fails clearly when a file is missing', () => {
    expect(() => pmFromFile.create('missing.data', testEnv())).toThrow(/missing\.data/);
  });
});
