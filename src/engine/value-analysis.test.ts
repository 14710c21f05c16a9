import { describe, it, expect } from 'vitest';
import { waf, run, ids } from '../../test/engine/helpers.js';

// A value's analysis (transformations, set answers, operator answers) is shared by rules, by
// entries and by transactions: these check that sharing never changes what a rule sees.
describe('value analyses shared across rules and transactions', () => {
  const w = waf(`
SecRule ARGS "@rx (\\d+)" "id:1,phase:2,pass,log,capture,t:lowercase,setvar:tx.first=%{TX.1}"
SecRule ARGS "!@rx (\\d+)" "id:2,phase:2,pass,log,t:lowercase"
SecRule ARGS "@rx ^abc" "id:3,phase:2,pass,log,t:lowercase,t:removeWhitespace"
SecRule ARGS "@rx ^a b" "id:4,phase:2,pass,log,t:lowercase"
SecRule ARGS "@contains 7" "id:5,phase:2,pass,log,t:none"
SecRule ARGS "@rx ^abc$" "id:6,phase:2,pass,log,multiMatch,t:lowercase,t:removeWhitespace"
`);

  it('gives the same answers and captures to a value seen before', () => {
    for (const value of ['A%20bc7', 'zz42', 'A%20bc7', 'zz42']) {
      const tx = run(w, { uri: `/?q=${value}` });
      const digits = /\d+/.exec(decodeURIComponent(value))![0];
      expect(tx.getVariable('TX', 'first')).toBe(digits);
      expect(ids(tx)).toEqual(value.startsWith('A') ? [1, 3, 4, 5] : [1]);
    }
  });

  it('answers a negated rule from the same analysis as its plain twin', () => {
    expect(ids(run(w, { uri: '/?q=nodigits' }))).toEqual([2]);
    expect(ids(run(w, { uri: '/?q=nodigits&r=5' }))).toEqual([1, 2]);
  });

  it('runs a multiMatch operator on every intermediate value, not on the cached chain result alone', () => {
    // after lowercase "a bc" fails ^abc$, after removeWhitespace "abc" matches
    expect(ids(run(w, { uri: '/?q=A%20BC' }))).toEqual([2, 3, 4, 6]);
  });

  it('keeps an analysis per entry for long values, across rules of one transaction', () => {
    const long = `A${'b'.repeat(400)}7`;
    const tx = run(w, { uri: `/?q=${long}&r=${long}` });
    expect(ids(tx)).toEqual([1, 5]);
    expect(tx.getVariable('TX', 'first')).toBe('7');
  });

  it('runs the steps after one that acts even where the raw value has none of their chars', () => {
    // lowercase meets no capital in "a%41" and is skipped; urlDecodeUni makes "aA", which removeWhitespace
    // leaves and lowercase, run again after it, folds
    const chained = waf(`SecRule ARGS "@streq aa" "id:7,phase:2,pass,log,t:lowercase,t:urlDecodeUni,t:removeWhitespace,t:lowercase"`);
    expect(ids(run(chained, { uri: '/?q=a%41' }))).toEqual([7]);
    expect(ids(run(chained, { uri: '/?q=a%42' }))).toEqual([]);
    expect(ids(run(chained, { uri: '/?q=aa' }))).toEqual([7]);
  });

  it('remembers that no value of a multiMatch rule matched, but not for its negated twin', () => {
    const multi = waf(`SecRule ARGS "@rx ^abc$" "id:10,phase:2,pass,log,multiMatch,t:lowercase,t:removeWhitespace"
SecRule ARGS "!@rx ^abc$" "id:11,phase:2,pass,log,multiMatch,t:lowercase,t:removeWhitespace"`);
    for (let i = 0; i < 2; i++) {
      expect(ids(run(multi, { uri: '/?q=zz' }))).toEqual([11]);
      expect(ids(run(multi, { uri: '/?q=A%20BC' }))).toEqual([10, 11]);
    }
  });

  it('keeps the no of an operator after the whole chain apart from its answers on intermediate values', () => {
    // the three rules share one operator slot: "abc" fails after t:length ("3") but matches after
    // t:lowercase, which the multiMatch rule sees; the negated rule matches on the no
    const shared = waf(`SecRule ARGS "@streq abc" "id:20,phase:2,pass,log,t:lowercase,t:length"
SecRule ARGS "!@streq abc" "id:21,phase:2,pass,log,t:lowercase,t:length"
SecRule ARGS "@streq abc" "id:22,phase:2,pass,log,multiMatch,t:lowercase,t:length"`);
    for (let i = 0; i < 2; i++) {
      expect(ids(run(shared, { uri: '/?q=ABC' }))).toEqual([21, 22]);
      expect(ids(run(shared, { uri: '/?q=xyz' }))).toEqual([21]);
    }
  });

  it('runs a multiMatch @rx on an intermediate value that holds its literals when the raw value does not', () => {
    const multi = waf(`SecRule ARGS "@rx eval\\(" "id:12,phase:2,pass,log,multiMatch,t:none,t:urlDecodeUni"`);
    expect(ids(run(multi, { uri: '/?q=ev%2561l(' }))).toEqual([12]);
    expect(ids(run(multi, { uri: '/?q=eva1(' }))).toEqual([]);
  });

  it('gives a multiMatch operator the intermediate values of a chain whose first step is skipped', () => {
    // lowercase meets no capital in "a%20b": "a b" after urlDecodeUni, "ab" after removeWhitespace
    const multi = waf(`SecRule ARGS "@streq a b" "id:8,phase:2,pass,log,multiMatch,t:lowercase,t:urlDecodeUni,t:removeWhitespace"
SecRule ARGS "@streq ab" "id:9,phase:2,pass,log,t:urlDecodeUni,t:removeWhitespace"`);
    expect(ids(run(multi, { uri: '/?q=a%20b' }))).toEqual([8, 9]);
    expect(ids(run(multi, { uri: '/?q=a%20c' }))).toEqual([]);
  });
});

