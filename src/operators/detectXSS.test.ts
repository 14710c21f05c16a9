import { describe, it, expect } from 'vitest';
import detectXSS from './detectXSS.js';
import type { MatchContext, OperatorEnv } from './types.js';

const ctx: MatchContext = { utf8: () => Buffer.alloc(0), captures: null, scope: { lookup: () => '' } };

describe('@detectXSS', () => {
  const op = detectXSS.create('', {} as OperatorEnv);

  it('matches script tags, event handlers and javascript: URLs', () => {
    expect(op.evaluate('<script>alert(1)</script>', ctx)).toBe(true);
    expect(op.evaluate('<img src=x onerror=alert(1)>', ctx)).toBe(true);
    expect(op.evaluate('<a href="javascript:alert(1)">x</a>', ctx)).toBe(true);
    expect(op.evaluate('" onmouseover="alert(1)', ctx)).toBe(true);
  });

  it('does not match ordinary text', () => {
    expect(op.evaluate('hello <b>world</b>', ctx)).toBe(false);
    expect(op.evaluate('a < b and c > d', ctx)).toBe(false);
    expect(op.evaluate('only online', ctx)).toBe(false);
  });
});
