import { describe, expect, it } from 'vitest';
import rx from './rx.js';
import { testContext, testEnv } from './test-env.js';

describe('@rx', () => {
  it('matches byte-wise with v2 flags and fills captures only when asked', () => {
    const op = rx.create('(?i)(sel)ect\\s+(\\w+)', testEnv());
    expect(op.evaluate('x SELECT\x0bfoo', testContext('x SELECT\x0bfoo'))).toBe(true);
    const ctx = testContext('SeLect a', { capture: true });
    expect(op.evaluate('SeLect a', ctx)).toBe(true);
    expect(ctx.captures!.slice(0, 4)).toEqual(['SeLect a', 'SeL', 'a', '']);
    expect(op.evaluate('nothing', testContext('nothing'))).toBe(false);
  });

  it('passes the UTF-8 buffer from the context to re2', () => {
    const op = rx.create('\\x{e9}+$', testEnv());
    let calls = 0;
    const ctx = testContext('a\xe9\xe9');
    const utf8 = ctx.utf8;
    ctx.utf8 = () => (calls++, utf8());
    expect(op.evaluate('a\xe9\xe9', ctx)).toBe(true);
    expect(calls).toBe(1);
  });

  it('expands macros per evaluation', () => {
    const op = rx.create('^%{tx.prefix}[0-9]+$', testEnv());
    expect(op.evaluate('ab12', testContext('ab12', { vars: { 'tx.prefix': 'ab' } }))).toBe(true);
    expect(op.evaluate('ab12', testContext('ab12', { vars: { 'tx.prefix': 'x' } }))).toBe(false);
    expect(op.evaluate('ab12', testContext('ab12', { vars: { 'tx.prefix': '(' } }))).toBe(false);
  });

  it('warns when a pattern needs the JS fallback, and throws on a broken one', () => {
    const env = testEnv();
    expect(rx.create('a(?=b)', env).evaluate('ab', testContext('ab'))).toBe(true);
    expect(env.warnings[0]).toMatch(/^rx: .*JS fallback/);
    expect(() => rx.create('(', testEnv())).toThrow(/cannot compile/);
  });
});
