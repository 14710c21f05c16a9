import { describe, it, expect } from 'vitest';
import { RegexSetGroup, NO_HITS } from './regex-sets.js';
import { compileRegex } from '../regex.js';

const patterns = ['(?i)select\\s', '<script', '\\.\\./', '^\\d+$', '(?i)union.{0,20}select'];
const values = ['SELECT x', 'a<script>', '../../etc', '12345', 'union all  select', 'benign text', '', 'caf\xe9 ../'];

describe('RegexSetGroup', () => {
  const group = new RegexSetGroup(0);
  const compiled = patterns.map((p) => compileRegex(p));
  for (const re of compiled) group.add(re.re2Source!);

  it('answers, for every value, exactly what each pattern alone answers', () => {
    for (const v of values) {
      const hits = group.matchValue(v, () => Buffer.from(v, 'utf8'));
      const expected = compiled.map((re) => re.test(v, Buffer.from(v, 'utf8')));
      expect([...compiled.keys()].map((i) => hits !== NO_HITS && hits[i] === 1)).toEqual(expected);
    }
  });

  it('returns the shared NO_HITS answer when nothing matches, and remembers short values', () => {
    let encoded = 0;
    const fresh = 'a value not seen before';
    const utf8 = () => (encoded++, Buffer.from(fresh, 'utf8'));
    expect(group.matchValue(fresh, utf8)).toBe(NO_HITS);
    expect(group.matchValue(fresh, utf8)).toBe(NO_HITS);
    expect(encoded).toBe(1);
  });
});
