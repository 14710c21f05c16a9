import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRegex, JS_INPUT_CAP, translateToJs, translateToRe2 } from './regex.js';

/** Runs the pattern on both engines' translations and returns [re2, js] answers. */
function both(pattern: string, value: string, options = {}): [boolean, boolean] {
  const js = translateToJs(pattern, options);
  const re2 = compileRegex(pattern, options);
  expect(re2.engine).toBe('re2');
  return [re2.test(value, Buffer.from(value, 'utf8')), new RegExp(js.source, js.flags).test(value)];
}

const expectBoth = (pattern: string, value: string, expected: boolean, options = {}): void => {
  expect(both(pattern, value, options), `${pattern} on ${JSON.stringify(value)}`).toEqual([expected, expected]);
};

describe('translation rules (re2 and JS agree with PCRE v2 semantics)', () => {
  it('rule 1: dot matches newline (DOTALL)', () => {
    expect(translateToRe2('a.b')).toBe('(?s)a.b');
    expectBoth('^a.b$', 'a\nb', true);
    expectBoth('^.*$', 'x\r\ny', true);
  });

  it('rule 2: $ is end-only (DOLLAR_ENDONLY), no multiline', () => {
    expectBoth('a$', 'a\n', false);
    expectBoth('^b', 'a\nb', false);
    expectBoth('a$', 'xa', true);
  });

  it('rule 2b: multiline option (verify* operators) makes ^ and $ line anchors on LF only', () => {
    expectBoth('^b$', 'a\nb\nc', true, { multiline: true });
    expectBoth('^b$', 'a\rb\rc', false, { multiline: true });
  });

  it('rule 3/4: leading (?i), scoped (?i:...), and (?-i) fold ASCII letters', () => {
    expectBoth('(?i)select', 'SeLeCt', true);
    expectBoth('^(?i)up', 'UP', true);
    expectBoth('a(?i:b)c', 'aBc', true);
    expectBoth('a(?i:b)c', 'aBC', false);
    expectBoth('(?i)a(?-i)b', 'Ab', true);
    expectBoth('(?i)a(?-i)b', 'AB', false);
    expectBoth('(?i)[a-c]+$', 'xABC', true);
    expectBoth('select', 'SELECT', true, { caseless: true });
    expect(translateToJs('(?i)ab').source).toBe('[Aa][Bb]');
  });

  it('rule 3/4: caseless folds ASCII only, as PCRE without UTF: no KELVIN SIGN for k, no long s for s', () => {
    // re2 folds by Unicode in UTF-8 mode: (?i)k would match U+212A and (?i)s U+017F
    expectBoth('(?i)select', '\u017felect', false);
    expectBoth('(?i)select', 'SELECT', true);
    expectBoth('(?i)k+$', 'kK\u212a', false);
    expectBoth('(?i)k+$', 'xkK', true);
    expectBoth('(?i)[ks]', '\u212a\u017f', false);
    expectBoth('s(?i:s)s', 'sSs', true);
    expectBoth('s(?i:s)s', 'sSS', false);
  });

  it('rule 5: \\s includes VT and excludes NBSP; \\S is its complement; also inside classes', () => {
    expectBoth('a\\sb', 'a\x0bb', true);
    expectBoth('a\\sb', 'a\xa0b', false);
    expectBoth('a\\Sb', 'a\x0bb', false);
    expectBoth('a[\\s,]b', 'a\x0bb', true);
    expectBoth('a[^\\S]b', 'a\x0bb', true);
    expectBoth('^\\S+$', 'x\xa0\x85y', true);
  });

  it('rule 6: \\x{hh} and \\xhh mean one byte (including bytes >= 0x80)', () => {
    expectBoth('\\x{e2}\\x80[\\x98\\x99]', 'a\xe2\x80\x99b', true);
    expectBoth('\\xac\\xed\\x00\\x05', '\xac\xed\x00\x05', true);
    expectBoth('[\\x7f-\\x{ff}]', '\xc3', true);
    expectBoth('[\\x7f-\\x{ff}]', 'abc', false);
    expect(translateToJs('\\x{bc}').source).toBe('\\xbc');
  });

  it('rule 7: \\z, \\A, \\Z', () => {
    expectBoth('a\\z', 'a\n', false);
    expectBoth('a\\Z', 'a\n', true);
    expectBoth('a\\Z', 'a\nb', false);
    expectBoth('\\Aa', 'ba', false);
  });

  it('rule 8: identity escapes and literal braces/brackets', () => {
    expectBoth("\\'\\,\\!", "',!", true);
    expectBoth('a{,3}', 'a{,3}', true);
    expectBoth('x{', 'x{', true);
    expectBoth('a]', 'a]', true);
    expectBoth('[]a]+$', ']a]', true);
  });

  it('rule 9: JS anchors a leading .* (PCRE implicit anchoring)', () => {
    expect(translateToJs('.*foo').source).toBe('^[\\s\\S]*foo');
    expect(translateToJs('(?i).*foo').source.startsWith('^')).toBe(true);
    expect(translateToJs('.*?foo').source.startsWith('^')).toBe(false);
    expectBoth('.*foo', 'xx\nfoo', true);
  });

  it('§7 erratum: (?i) does not fold non-ASCII bytes', () => {
    expectBoth('(?i)\\x{e2}', '\xc2', false);
    expectBoth('(?i)\\x{e2}', '\xe2', true);
    expectBoth('(?i)[\\xe0-\\xe2]', '\xc1', false);
    expectBoth('(?i)[^\\xe2]', '\xc2', true);
    expectBoth('(?i)[^a]', 'A', false);
    expectBoth('(?i)\xe9', '\xc9', false);
  });

  it('POSIX classes, \\h, \\v, \\R, \\N and \\Q..\\E', () => {
    expectBoth('^[[:alpha:]]+$', 'abcXYZ', true);
    expectBoth('[[:digit:]]', 'abc', false);
    expectBoth('a\\hb', 'a\tb', true);
    expectBoth('a\\vb', 'a\x0cb', true);
    expectBoth('a\\Rb', 'a\r\nb', true);
    expectBoth('a\\Nb', 'a\nb', false);
    expectBoth('\\Qa.b\\E', 'axb', false);
    expectBoth('\\Qa.b\\E', 'a.b', true);
  });

  it('a quantifier after a run of literal chars repeats the last char only', () => {
    expect(translateToRe2('ab+c{2}d')).toBe('(?s)ab+c{2}d');
    expect(translateToRe2('a\\.b\\.+\\(')).toBe('(?s)a\\.b\\.+\\(');
    expectBoth('^a\\.b\\.+$', 'a.b...', true);
    expectBoth('^a\\.b\\.+$', 'a.b.x', false);
    expectBoth('^ab+$', 'abbb', true);
    expectBoth('^ab+$', 'abab', false);
    expectBoth('^(?i)ab?c{2}$', 'ACC', true);
    expectBoth('^(?i)ab?c{2}$', 'ABCBC', false);
  });

  it('a class written again translates under the flags in force where it stands', () => {
    expect(translateToRe2('[ab]x(?i)[ab](?-i)[ab]')).toBe('(?s)[ab]x(?i)(?-i:[ABab])(?-i)[ab]');
    expectBoth('^[ab](?i)[ab](?-i)[ab]$', 'aAb', true);
    expectBoth('^[ab](?i)[ab](?-i)[ab]$', 'aaB', false);
    expectBoth('^[ab](?i)[ab](?-i)[ab]$', 'Aab', false);
  });

  it('extended mode (?x) drops whitespace and comments', () => {
    expectBoth('(?x) a b # comment\n c', 'abc', true);
  });

  it('ungreedy (?U) swaps greediness', () => {
    const captures: string[] = [];
    compileRegex('(?U)(a+)').exec('aaa', captures);
    expect(captures[1]).toBe('a');
  });

  it('falls back to JS for lookaround and backreferences, and records it', () => {
    const look = compileRegex('foo(?=bar)');
    expect(look.engine).toBe('js');
    expect(look.test('foobar')).toBe(true);
    expect(look.test('foobaz')).toBe(false);
    const back = compileRegex('(a)\\1');
    expect(back.engine).toBe('js');
    expect(back.test('xaa')).toBe(true);
    expect(compileRegex('a{2000}').engine).toBe('js');
  });

  it('possessive quantifiers and atomic groups (CRS 3.3) run on JS with PCRE semantics', () => {
    // Expected answers checked against Perl, whose possessive/atomic semantics are PCRE's.
    const cases: [string, string, boolean][] = [
      ['a++a', 'aaa', false],
      ['a+a', 'aaa', true],
      ['^\\s*+;', '  ;', true],
      ['=\\s*+[^;]+$', '= ', false],
      ['(?>a|ab)c', 'abc', false],
      ['(?:a|ab)c', 'abc', true],
      ['^(?>ab)*c$', 'ababc', true],
      ['^(?>a+)*+b', 'aab', true],
      ['[^?\\w\\s]++\\s*?[(@"]*?\\s*?\\w+', 'a "" x', true],
    ];
    for (const [pattern, value, expected] of cases) {
      const re = compileRegex(pattern);
      expect(re.test(value), `${pattern} on ${JSON.stringify(value)}`).toBe(expected);
    }
    expect(compileRegex('a*+b').engine).toBe('js');
    expect(compileRegex('(?>a)b').engine).toBe('js');
  });

  it('atomic emulation keeps the pattern capture numbers and backreferences', () => {
    const captures: string[] = [];
    const re = compileRegex('(ab)++(c)\\1');
    expect(re.exec('xababcab', captures)).toBe(true);
    expect(captures.slice(0, 3)).toEqual(['ababcab', 'ab', 'c']);
    expect(re.test('ababcc')).toBe(false);
    expect(compileRegex('(x)(?>(a+))(b)').execFrom('..xaab', 1)).toMatchObject({
      index: 2,
      groups: ['xaab', 'x', 'aa', 'b'],
    });
    // A literal digit after a backreference stays a literal.
    expect(compileRegex('(a)b++\\1(?:0)').test('abba0')).toBe(true);
    expect(() => compileRegex('(a)b++\\2')).toThrow(/non-existent/);
  });

  it('caps JS fallback input at JS_INPUT_CAP chars', () => {
    const re = compileRegex('(?=x)x$');
    const value = 'a'.repeat(JS_INPUT_CAP) + 'x';
    expect(re.test(value)).toBe(false);
    expect(re.test('ax')).toBe(true);
  });

  it('throws a clear error when no engine accepts the pattern', () => {
    expect(() => compileRegex('a(b')).toThrow(/cannot compile regex.*re2:.*js:/);
    expect(() => compileRegex('(?*a)')).toThrow(/unsupported group construct/);
    expect(() => compileRegex('*a')).toThrow(/nothing to repeat/);
  });

  it('exec fills captures 0..9 as binary strings, missing groups as empty', () => {
    const re = compileRegex('(a)(b?)(c)(x)?');
    const captures: string[] = [];
    expect(re.exec('zac', captures)).toBe(true);
    expect(captures).toEqual(['ac', 'a', '', 'c', '', '', '', '', '', '']);
    const bytes = compileRegex('([\\x80-\\xff]+)');
    const value = 'ab\xe9\xff\x80c';
    expect(bytes.exec(value, captures, Buffer.from(value, 'utf8'))).toBe(true);
    expect(captures[1]).toBe('\xe9\xff\x80');
  });

  it('execFrom finds later matches with char offsets and keeps earlier context', () => {
    const re = compileRegex('\\d+');
    const value = '\xe9\xe912 \xe934';
    expect(re.execFrom(value, 0)).toMatchObject({ index: 2, end: 4, groups: ['12'] });
    expect(re.execFrom(value, 4)).toMatchObject({ index: 6, end: 8, groups: ['34'] });
    expect(compileRegex('\\bb').execFrom('ab', 1)).toBeNull();
  });
});

/** Every `@rx` operand in the CRS rule files, read the way the SecLang reader will. */
function crsRxPatterns(rulesDir: URL): { file: string; pattern: string }[] {
  const found: { file: string; pattern: string }[] = [];
  for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.conf'))) {
    const text = readFileSync(new URL(file, rulesDir), 'latin1').replace(/\\[ \t]*\r?\n/g, '');
    for (const line of text.split('\n')) {
      const m = /^\s*SecRule\s+(?:"(?:[^"\\]|\\.)*"|\S+)\s+"((?:[^"\\]|\\.)*)"/.exec(line);
      if (!m) continue;
      const operator = m[1]!.replace(/\\"/g, '"');
      const rx = /^!?@rx\s(.*)$/s.exec(operator);
      if (rx) found.push({ file, pattern: rx[1]! });
    }
  }
  return found;
}

const crsRules = new URL('../../../shared/crs/rules/', import.meta.url);

describe.skipIf(!existsSync(crsRules))('CRS @rx patterns (needs ../shared/crs)', () => {
  it('all compile on re2 after translation, and on the JS fallback too', () => {
    const patterns = crsRxPatterns(crsRules);
    expect(patterns.length).toBeGreaterThan(300);
    const notRe2: string[] = [];
    for (const { file, pattern } of patterns) {
      if (compileRegex(pattern).engine !== 're2') notRe2.push(`${file}: ${pattern.slice(0, 80)}`);
      const js = translateToJs(pattern);
      expect(() => new RegExp(js.source, js.flags)).not.toThrow();
    }
    expect(notRe2).toEqual([]);
  });
});
