import { describe, expect, it } from 'vitest';
import { luhn } from './verifyCC.js';
import verifyCC from './verifyCC.js';
import { isCpf } from './verifyCPF.js';
import { isSsn } from './verifySSN.js';
import { isSvnr } from './verifySVNR.js';
import { testContext, testEnv } from './test-env.js';

describe('verify* operators', () => {
  it('check digits', () => {
    expect(luhn('4111 1111 1111 1111')).toBe(true);
    expect(luhn('4111 1111 1111 1112')).toBe(false);
    expect(luhn('abc')).toBe(false);
    expect(isCpf('010.817.514-60')).toBe(true);
    expect(isCpf('111.111.111-11')).toBe(false);
    expect(isSsn('574-57-8065')).toBe(true);
    expect(isSsn('666-57-8065')).toBe(false);
    expect(isSvnr('1237010180')).toBe(true);
    expect(isSvnr('8888888888')).toBe(false);
  });

  it('retries after a failed candidate and captures the verified match', () => {
    const op = verifyCC.create('\\b\\d{16}\\b', testEnv());
    const value = 'x 4111111111111112 y 4111111111111111';
    const ctx = testContext(value, { capture: true });
    expect(op.evaluate(value, ctx)).toBe(true);
    expect(ctx.captures![0]).toBe('4111111111111111');
    expect(op.evaluate('4111111111111112', testContext('4111111111111112'))).toBe(false);
  });
});
