import { describe, expect, it } from 'vitest';
import eq from './eq.js';
import lt from './lt.js';
import { atoi } from './support/numeric.js';
import { testContext, testEnv } from './test-env.js';

describe('numeric operators', () => {
  it('atoi follows glibc: whitespace, sign, digits, then stop; overflow wraps through long', () => {
    expect(atoi(' \t-12abc')).toBe(-12);
    expect(atoi('+7')).toBe(7);
    expect(atoi('abc')).toBe(0);
    expect(atoi('')).toBe(0);
    expect(atoi('2147483648')).toBe(-2147483648);
    expect(atoi('99999999999')).toBe(1215752191);
    expect(atoi('99999999999999999999')).toBe(-1); // strtol clamps to LONG_MAX, int keeps 0xffffffff
  });

  it('@eq/@lt expand macros per evaluation, constants once', () => {
    const op = lt.create('%{tx.max}', testEnv());
    expect(op.evaluate('5', testContext('5', { vars: { 'tx.max': '10' } }))).toBe(true);
    expect(op.evaluate('5', testContext('5', { vars: { 'tx.max': '3' } }))).toBe(false);
    expect(op.evaluate('5', testContext('5'))).toBe(false); // absent → '' → 0
    expect(eq.create('0', testEnv()).evaluate('abc', testContext('abc'))).toBe(true);
  });
});
