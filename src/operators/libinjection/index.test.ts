import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { detectSQLi, detectXSS } from './index.js';
import { FLAG_QUOTE_NONE, FLAG_SQL_ANSI, SqliState, tokenize } from './sqli.js';
import { DATA_STATE, H5State, TOKEN_TYPE_NAMES, VALUE_BACK_QUOTE, VALUE_DOUBLE_QUOTE, VALUE_NO_QUOTE, VALUE_SINGLE_QUOTE } from './html5.js';
import { isXssInContext } from './xss.js';

function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function tokens(s: string): string[] {
  const sf = new SqliState();
  sf.init(s, FLAG_QUOTE_NONE | FLAG_SQL_ANSI);
  const out: string[] = [];
  while (tokenize(sf)) out.push(String.fromCharCode(sf.current.type) + ' ' + sf.current.val);
  return out;
}

function h5Tokens(s: string): string[] {
  const h5 = new H5State();
  h5.init(s, DATA_STATE);
  const out: string[] = [];
  while (h5.next()) out.push(`${TOKEN_TYPE_NAMES[h5.tokenType]},${h5.token()}`);
  return out;
}

describe('detectSQLi', () => {
  it('gives the README example fingerprint', () => {
    expect(detectSQLi("-1' and 1=1 union/* foo */select load_file('/etc/passwd')--")).toEqual({
      isInjection: true,
      fingerprint: 's&1UE',
    });
  });

  it('returns an empty fingerprint for benign input and for the empty input', () => {
    expect(detectSQLi('hello world')).toEqual({ isInjection: false, fingerprint: '' });
    expect(detectSQLi('')).toEqual({ isInjection: false, fingerprint: '' });
  });

  it('treats a Uint8Array as the same bytes as a binary string', () => {
    const s = "1' OR '1'='1\xa0--\xff";
    expect(detectSQLi(bytes(s))).toEqual(detectSQLi(s));
  });

  it('keeps C quirks: NUL counts as a binary digit, 0xA0 and NUL are white space', () => {
    expect(tokens("b'0\x001'")).toEqual(["1 b'0\x001'"]);
    expect(tokens('1\xa0OR\x002')).toEqual(['1 1', '& OR', '1 2']);
  });

  it('truncates token values to 31 bytes', () => {
    expect(tokens('a'.repeat(40))).toEqual(['n ' + 'a'.repeat(31)]);
  });

  it('reads on right after a word longer than a token, at any of its end bytes', () => {
    const word = 'child.'.repeat(150) + 'id';
    expect(tokens(`${word}(1)`)).toEqual(['n ' + word.slice(0, 31), '( (', '1 1', ') )']);
    expect(tokens(`${word}\xa0or`)).toEqual(['n ' + word.slice(0, 31), '& or']);
    expect(detectSQLi(`${word}' or 1=1--`).isInjection).toBe(detectSQLi("child' or 1=1--").isInjection);
  });

  it('does not upper-case Latin-1 letters when looking up keywords', () => {
    // 'ÿ' upper-cases to U+0178 in JavaScript; the C lookup only maps a-z
    expect(tokens('selectÿ')).toEqual(['n selectÿ']);
  });
});

describe('detectXSS', () => {
  it('treats NUL as white space between an attribute name and "="', () => {
    expect(detectXSS('<img src=x onerror\x00="alert(1)">')).toBe(true);
  });

  it('decodes HTML entities in URL attributes', () => {
    expect(detectXSS('<a href="&#106;avascript:alert(1)">')).toBe(true);
    expect(detectXSS('<a href="&#x6A;avascript:alert(1)">')).toBe(true);
    expect(detectXSS('<a href="https://example.com/">')).toBe(false);
  });

  it('reads a 0xFF byte before an attribute as the end of input (signed char)', () => {
    expect(h5Tokens('<a \xffonclick=x>')).toEqual(['TAG_NAME_OPEN,a']);
    expect(detectXSS('<a \xffonclick=alert(1)>')).toBe(false);
    expect(detectXSS('<a \xfeonclick=alert(1)>')).toBe(false);
    expect(detectXSS('<a onclick=alert(1)>')).toBe(true);
  });
});

describe('robustness', () => {
  const seeds = [
    "1' UNION SELECT password FROM users--",
    '<img src=x onerror=alert(1)>',
    "SELECT /*!50000 1*/ FROM t WHERE a=`b` AND $$x$$ q'[y]' 0x1F 1.e",
    '<!-- a --><![CDATA[x]]><!DOCTYPE html><%x%><?import x>',
  ];
  const binaryString = (maxLength: number) =>
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength }).map((a) => String.fromCharCode(...a));

  it('never throws on random binary input', () => {
    fc.assert(
      fc.property(binaryString(300), (s) => {
        detectSQLi(s);
        detectXSS(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated attack strings, and bytes and strings agree', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), binaryString(4)), { maxLength: 8 }))
      .map(([seed, edits]) =>
        edits.reduce((s, [at, ins]) => {
          const i = at % (s.length + 1);
          return s.slice(0, i) + ins + s.slice(i + (at & 1));
        }, seed),
      );
    fc.assert(
      fc.property(mutated, (s) => {
        expect(detectSQLi(bytes(s))).toEqual(detectSQLi(s));
        expect(detectXSS(bytes(s))).toBe(detectXSS(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("finds no XSS in any starting context without '<' or '=' (what detectXSS skips)", () => {
    const contexts = [DATA_STATE, VALUE_NO_QUOTE, VALUE_SINGLE_QUOTE, VALUE_DOUBLE_QUOTE, VALUE_BACK_QUOTE];
    const attribute = fc.constantFrom(' onload', '" style', "' src", '` href', ' xmlns:x', '/formaction', ' data');
    const value = fc.constantFrom('alert(1)', 'javascript:alert(1)', 'x:expression(1)', '"vbscript:x"', "'data:x'", '`x`');
    const attack = fc.tuple(attribute, fc.constantFrom('=', ' = ', '\t=\0'), value, binaryString(6));
    fc.assert(
      fc.property(attack, binaryString(40), ([name, assign, v, noise], tail) => {
        const s = name + assign + v + noise + tail;
        const without = s.replace(/[<=]/g, ' ');
        for (const flags of contexts) expect(isXssInContext(without, flags)).toBe(false);
        // while an event handler with its '=' is found
        if (name === ' onload') expect(detectXSS(name + assign + v)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on large inputs up to 64 KB', () => {
    const big = fc
      .tuple(fc.constantFrom(...seeds, 'a', "'", '/*', '<', '-- ', '$$'), fc.integer({ min: 1, max: 65536 }))
      .map(([unit, len]) => unit.repeat(Math.ceil(len / unit.length)).slice(0, len));
    fc.assert(
      fc.property(big, binaryString(64), (s, tail) => {
        detectSQLi(s + tail);
        detectXSS(s + tail);
      }),
      { numRuns: 60 },
    );
  });

  it('accepts strings with chars above 0xFF as their UTF-8 bytes', () => {
    expect(detectSQLi("1' or '1'='1 ✓")).toEqual(detectSQLi(Buffer.from("1' or '1'='1 ✓", 'utf8').toString('latin1')));
  });
});
