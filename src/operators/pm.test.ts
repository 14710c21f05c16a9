import { describe, expect, it } from 'vitest';
import pm from './pm.js';
import { parsePmContent } from './support/pm-content.js';
import { testContext, testEnv } from './test-env.js';

describe('@pm', () => {
  it('matches any space-separated phrase, ASCII case-insensitively, never on empty values', () => {
    const op = pm.create('foo bar\tbaz', testEnv());
    expect(op.evaluate('xxBARyy', testContext('xxBARyy'))).toBe(true);
    expect(op.evaluate('qux', testContext('qux'))).toBe(false);
    expect(op.evaluate('', testContext(''))).toBe(false);
  });

  it('captures the matched text as it appears in the value and clears TX:1..9', () => {
    const op = pm.create('select', testEnv());
    const ctx = testContext('a SeLeCt b', { capture: true });
    ctx.captures!.push(...Array<string>(10).fill('old'));
    expect(op.evaluate('a SeLeCt b', ctx)).toBe(true);
    expect(ctx.captures!.slice(0, 3)).toEqual(['SeLeCt', '', '']);
  });

  it('decodes |hex| bytes, escapes and one pair of quotes before splitting', () => {
    expect(parsePmContent('"ab|41 42|c"')).toBe('abABc');
    expect(parsePmContent('a\\;b')).toBe('a;b');
    expect(parsePmContent('a\\nb')).toBeNull();
    expect(parsePmContent('  ')).toBeNull();
    const op = pm.create('|00|abc', testEnv());
    expect(op.evaluate('x\0abc', testContext('x\0abc'))).toBe(true);
    expect(op.evaluate('xabc', testContext('xabc'))).toBe(false);
  });

  it('requires a parameter', () => {
    expect(() => pm.create('  ', testEnv())).toThrow(/missing parameter/);
  });
});
