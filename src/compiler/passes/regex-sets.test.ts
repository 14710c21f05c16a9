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
      const hits = group.match(Buffer.from(v, 'utf8'));
      const expected = compiled.map((re) => re.test(v, Buffer.from(v, 'utf8')));
      expect([...compiled.keys()].map((i) => hits !== NO_HITS && hits[i] === 1)).toEqual(expected);
    }
  });

  it('returns the shared NO_HITS answer when nothing matches', () => {
    expect(group.match(Buffer.from('a value no pattern matches', 'utf8'))).toBe(NO_HITS);
  });
});
