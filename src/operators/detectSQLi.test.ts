import { describe, it, expect } from 'vitest';
import detectSQLi from './detectSQLi.js';
import type { MatchContext, OperatorEnv } from './types.js';

const env = {} as OperatorEnv;

function ctx(captures: string[] | null): MatchContext {
  return {
    utf8: () => Buffer.alloc(0),
    captures,
    scope: { lookup: () => '' },
  };
}

describe('@detectSQLi', () => {
  const op = detectSQLi.create('', env);

  it('matches SQL injection and captures the fingerprint in TX:0', () => {
    const captures: string[] = [];
    expect(op.evaluate("-1' and 1=1 union/* foo */select load_file('/etc/passwd')--", ctx(captures))).toBe(true);
    expect(captures[0]).toBe('s&1UE');
  });

  it('does not match ordinary text and leaves captures alone', () => {
    const captures: string[] = [];
    expect(op.evaluate('hello world', ctx(captures))).toBe(false);
    expect(op.evaluate("O'Reilly", ctx(captures))).toBe(false);
    expect(captures).toEqual([]);
  });

  it('does no capture work when capture is off', () => {
    expect(op.evaluate('1 UNION SELECT password FROM users--', ctx(null))).toBe(true);
  });

  it('ignores the parameter', () => {
    expect(detectSQLi.create('whatever', env).evaluate("1' or '1'='1", ctx(null))).toBe(true);
  });
});
