import { describe, expect, it } from 'vitest';
import beginsWith from './beginsWith.js';
import containsWord from './containsWord.js';
import streq from './streq.js';
import within from './within.js';
import { testContext, testEnv } from './test-env.js';

describe('string operators with macros', () => {
  const vars = { 'tx.allowed_methods': 'GET HEAD POST OPTIONS' };

  it('@within tests the value as a substring of the expanded parameter', () => {
    const op = within.create('%{tx.allowed_methods}', testEnv());
    expect(op.evaluate('POST', testContext('POST', { vars }))).toBe(true);
    expect(op.evaluate('PUT', testContext('PUT', { vars }))).toBe(false);
    expect(op.evaluate('', testContext('', { vars }))).toBe(true);
  });

  it('@streq, @beginsWith and @containsWord expand the parameter too', () => {
    const ctx = (v: string): ReturnType<typeof testContext> => testContext(v, { vars: { 'tx.x': 'ab' } });
    expect(streq.create('%{tx.x}', testEnv()).evaluate('ab', ctx('ab'))).toBe(true);
    expect(beginsWith.create('%{tx.x}c', testEnv()).evaluate('abcd', ctx('abcd'))).toBe(true);
    expect(containsWord.create('%{tx.x}', testEnv()).evaluate('x_ab ab.', ctx('x_ab ab.'))).toBe(true);
    expect(containsWord.create('%{tx.x}', testEnv()).evaluate('x_ab abc', ctx('x_ab abc'))).toBe(false);
  });
});
