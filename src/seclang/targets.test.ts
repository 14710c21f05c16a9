import { describe, expect, it } from 'vitest';
import { SecLangError } from './errors.js';
import { parseTargets } from './targets.js';

const P = { file: 'f.conf', line: 7, column: 10 };
const plain = (text: string) => parseTargets(text, P).map(({ pos: _pos, ...t }) => t);
const t = (collection: string, selector: string | null = null, more: Partial<{ selectorIsRegex: boolean; negated: boolean; count: boolean }> = {}) => ({
  collection,
  selector,
  selectorIsRegex: false,
  negated: false,
  count: false,
  ...more,
});

describe('parseTargets', () => {
  it('splits on | and upper-cases collection names', () => {
    expect(plain('ARGS|args_names|Request_Headers')).toEqual([t('ARGS'), t('ARGS_NAMES'), t('REQUEST_HEADERS')]);
  });

  it('reads keys, exclusions and counts', () => {
    expect(plain('REQUEST_HEADERS:User-Agent|!REQUEST_COOKIES:__utm|&ARGS|&TX:x')).toEqual([
      t('REQUEST_HEADERS', 'User-Agent'),
      t('REQUEST_COOKIES', '__utm', { negated: true }),
      t('ARGS', null, { count: true }),
      t('TX', 'x', { count: true }),
    ]);
  });

  it('keeps key case as written', () => {
    expect(plain('tx:Blocking_Paranoia_Level')).toEqual([t('TX', 'Blocking_Paranoia_Level')]);
  });

  it('reads /regex/ selectors that contain | and :', () => {
    expect(plain('!REQUEST_COOKIES:/^_ga(?:_\\w+)?$/|TX:/^(a|b):c/|ARGS')).toEqual([
      t('REQUEST_COOKIES', '^_ga(?:_\\w+)?$', { negated: true, selectorIsRegex: true }),
      t('TX', '^(a|b):c', { selectorIsRegex: true }),
      t('ARGS'),
    ]);
  });

  it('allows escaped slashes inside a regex selector', () => {
    expect(plain('ARGS:/a\\/b/')).toEqual([t('ARGS', 'a\\/b', { selectorIsRegex: true })]);
  });

  it('takes a key starting with / but without a closing slash as a plain key', () => {
    expect(plain('REQUEST_HEADERS:/path|ARGS')).toEqual([t('REQUEST_HEADERS', '/path'), t('ARGS')]);
  });

  it('treats XML selectors as XPath, not regex', () => {
    expect(plain('XML:/*|XML://@*|xml:/a/b/')).toEqual([t('XML', '/*'), t('XML', '//@*'), t('XML', '/a/b/')]);
  });

  it("reads quoted keys ARGS:'foo'", () => {
    expect(plain("ARGS:'foo bar'|!ARGS:'x|y'")).toEqual([t('ARGS', 'foo bar'), t('ARGS', 'x|y', { negated: true })]);
  });

  it('tolerates blanks around |', () => {
    expect(plain(' ARGS | ARGS_NAMES ')).toEqual([t('ARGS'), t('ARGS_NAMES')]);
  });

  it('positions each target at its first character', () => {
    expect(parseTargets('ARGS|!ARGS:a|&TX', P).map((x) => x.pos.column)).toEqual([10, 15, 23]);
    expect(parseTargets('ARGS|\n  TX', P).map((x) => [x.pos.line, x.pos.column])).toEqual([[7, 10], [8, 3]]);
  });

  it.each([
    ['', 0, 'target expected'],
    ['ARGS|', 5, 'target expected after "|"'],
    ['ARGS||TX', 5, 'variable name expected'],
    ['!&ARGS', 1, 'both excluded and counted'],
    ['ARGS:', 5, 'empty key'],
    ["ARGS:'x", 5, 'unterminated quoted target key'],
    ["ARGS:'x'y", 8, 'unexpected "y"'],
    ['ARGS TX', 5, 'unexpected "T"'],
    ['-ARGS', 0, 'variable name expected'],
  ])('rejects %j at offset %d', (text, offset, message) => {
    expect(() => parseTargets(text, P)).toThrow(SecLangError);
    try {
      parseTargets(text, P);
    } catch (e) {
      expect((e as SecLangError).column).toBe(P.column + offset);
      expect((e as SecLangError).message).toContain(message);
    }
  });
});
