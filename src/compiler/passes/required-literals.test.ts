import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { translateToRe2 } from '../regex.js';
import { clausesCost, requiredLiterals, VALUE_END, VALUE_START } from './required-literals.js';
import { holdsLiteral, pattern, value } from './test-cases.js';

/** The literals of a v2 pattern (as written in a rule), each OR-set sorted, the list sorted. */
const literalsOf = (pattern: string): string[][] | null => {
  const r = requiredLiterals(translateToRe2(pattern));
  return r === null ? null : r.map((c) => [...c].sort()).sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));
};

describe('requiredLiterals', () => {
  it('takes plain literals, lower-cased, and ANDs the parts of a concatenation', () => {
    expect(literalsOf('<script')).toEqual([['<script']]);
    expect(literalsOf('(?i)union.*?select.*?from')).toEqual([['from'], ['select'], ['union']]);
    // `=` is dropped: found in most values, it would filter little
    expect(literalsOf('(?i)<EMBED[\\s/+].*?(?:src|type).*?=')).toEqual([
      ['<embed\t', '<embed\n', '<embed\x0b', '<embed\x0c', '<embed\r', '<embed ', '<embed+', '<embed/'],
      ['src', 'type'],
    ]);
  });

  it('crosses small exact sets and unions alternatives', () => {
    expect(literalsOf('a(b|c)d')).toEqual([['abd', 'acd']]);
    expect(literalsOf('ab?c')).toEqual([['abc', 'ac']]);
    expect(literalsOf('(?:a|b){2,3}z')).toEqual([['aaz', 'abz', 'baz', 'bbz']]);
    // 942140: one OR-set per branch, a string of which every match of the branch contains
    expect(literalsOf('(?i)\\b(?:d(?:atabas|b_nam)e[^0-9A-Z_a-z]*\\(|(?:information_schema|northwind)\\b)')).toEqual([
      ['database', 'db_name', 'information_schema', 'northwind'],
    ]);
  });

  it('proves nothing for a repeat that may be absent, or for classes too large to list', () => {
    expect(literalsOf('x*y')).toEqual([['y']]);
    expect(literalsOf('.')).toBeNull();
    expect(literalsOf('\\W{4}')).toBeNull();
    expect(literalsOf('^.*$')).toBeNull();
    expect(literalsOf('foo|bar|')).toBeNull();
  });

  it('reads a rare repeat as an escape when the plain literals are common (CRS 941210)', () => {
    // a, b and `a.*b` alone are found in most values; every match is `ab` or holds a tab or `&nl;`
    expect(literalsOf('a(?:\\t|&nl;)*b')).toEqual([['\t', '&nl;', 'ab']]);
    const javascript = literalsOf('(?i)(?:j|&#(?:0*(?:74|106)|x0*[46]A);)(?:[\\t\\n\\r]|&(?:#(?:0*(?:9|1[03])|x0*[AD]);?|(?:tab|newline);))*(?:a|&#(?:0*(?:65|97)|x0*[46]1);)(?::|&colon;)');
    expect(javascript).toEqual([['\t', '\n', '\r', '#', '&newline;', '&tab;', 'ja&colon;', 'ja:']]);
    expect(clausesCost(javascript!)).toBeLessThan(0.5);
    // a common repeated string is no escape: `a\s*b` keeps the plain reading
    expect(literalsOf('a\\s*b')).toEqual([['a']]);
    // selective plain literals are kept as they are
    expect(literalsOf('(?i)select(?:\\t|&tab;)*from')).toEqual([['from'], ['select']]);
  });

  it('keeps weak literals, which the group then leaves unfiltered by their cost', () => {
    const letters = literalsOf('^[a-z]+$');
    expect(letters).toEqual([[...'abcdefghijklmnopqrstuvwxyz']]);
    expect(clausesCost(letters!)).toBe(1);
    expect(clausesCost(literalsOf('(?i)union.*?select.*?from')!)).toBeLessThan(1e-12);
  });

  it('ties the literals next to ^ and $ to the ends of the value, unless multiline', () => {
    expect(literalsOf('^(?:GET|HEAD)$')).toEqual([[`${VALUE_START}get${VALUE_END}`, `${VALUE_START}head${VALUE_END}`]]);
    expect(literalsOf('^$')).toEqual([[VALUE_START + VALUE_END]]);
    expect(literalsOf('\\.ph(?:p|tml)\\.*$')).toEqual([['.php', '.phtml']]); // `\.*` lies between: $ ties nothing
    expect(requiredLiterals('(?sm)^abc$')).toEqual([['abc']]);
    expect(literalsOf('a^b')).toEqual([[]]); // cannot match: an empty OR-set
  });

  it('folds ASCII letters only; Latin-1 letters keep the case re2 would match', () => {
    expect(literalsOf('(?i)caf\\xe9')).toEqual([['caf\xe9']]); // the translator keeps \xe9 case-sensitive
    expect(requiredLiterals('(?i)\\x{e9}t\\x{e9}')).toEqual([['\xc9t\xc9', '\xc9t\xe9', '\xe9t\xc9', '\xe9t\xe9']]);
    expect(literalsOf('[^\\x00-\\xff]')).toEqual([[]]);
  });

  it('gives no literals for syntax it does not know', () => {
    expect(requiredLiterals('(?s)a\\Qb\\E')).toBeNull();
    expect(requiredLiterals('(?s)abc\\p{Greek}')).toBeNull();
    expect(requiredLiterals('(?s)abc\\pL')).toBeNull();
  });
});

describe('requiredLiterals on random patterns (fast-check)', () => {
  it('every value that a pattern matches satisfies each of its OR-sets', () => {
    fc.assert(
      fc.property(
        pattern,
        fc.boolean(),
        fc.array(value, { minLength: 20, maxLength: 20 }),
        (p, caseless, values) => {
          let source: string;
          let re: RE2;
          try {
            source = translateToRe2(p, { caseless });
            re = new RE2(source);
          } catch {
            return; // a construct one of the engines rejects (e.g. a repeated assertion)
          }
          const literals = requiredLiterals(source);
          if (literals === null) return;
          for (const v of values) {
            if (!re.test(Buffer.from(v, 'utf8'))) continue;
            for (const clause of literals) expect(clause.some((l) => holdsLiteral(v, l)), `${source} on ${JSON.stringify(v)}: ${JSON.stringify(literals)}`).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
