import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseSetGroup } from './phrase-sets.js';
import { NO_HITS, hasHit } from './hits.js';
import pm from '../../operators/pm.js';
import { Waf } from '../../waf.js';
import { run } from '../../../test/engine/helpers.js';
import type { MatchContext, OperatorEnv } from '../../operators/types.js';

const ENV = {} as OperatorEnv;
const CTX: MatchContext = { captures: null, scope: { lookup: () => '' }, utf8: () => Buffer.alloc(0) };

/** The members the group marks for the value. */
function hitsOf(group: PhraseSetGroup, size: number, v: string): number[] {
  const hits = group.match(v);
  return [...Array(size).keys()].filter((i) => hasHit(hits, i));
}

/** What each list's own @pm says. */
const expected = (params: readonly string[], v: string): number[] => params.flatMap((p, i) => (pm.create(p, ENV).evaluate(v, CTX) ? [i] : []));

function groupOf(params: readonly string[]): PhraseSetGroup {
  const group = new PhraseSetGroup(0);
  for (const p of params) group.add(pm.create(p, ENV).phrases!);
  return group;
}

describe('PhraseSetGroup', () => {
  it('answers for every list as its own @pm does: phrases anywhere, ASCII case folded, shared by lists', () => {
    const params = ['select union', 'UNION drop', '\xe9t\xe9 passwd', 'etc/passwd', '|41|bc'];
    const group = groupOf(params);
    for (const v of ['', 'nothing here', 'a UnIoN b', 'cat /ETC/PASSWD', '\xc9T\xc9', '\xe9t\xe9', 'xAbcx', 'drop select']) {
      expect(hitsOf(group, params.length, v), JSON.stringify(v)).toEqual(expected(params, v));
    }
    expect(group.match('nothing here')).toBe(NO_HITS);
  });

  it('answers from an automaton of its own when its lists are too large for the shared scan', () => {
    // 30 phrases of 1000 chars: over the share of the family's scan
    const long = Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${'x'.repeat(998)}${i % 10}`);
    const params = [long.join(' '), 'needle', `${long[3]} other`];
    const group = groupOf(params);
    for (const v of ['', 'a needle', `..${long[3]!.toUpperCase()}..`, `${long[5]}`, 'x'.repeat(2000)]) {
      expect(hitsOf(group, params.length, v), v.slice(0, 20)).toEqual(expected(params, v));
    }
  });

  it('agrees with each list on random values', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'B', ' ', '/', '\xe9', '\xc9');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((a) => a.join('').replace(/ /g, '_'));
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.array(alphabet, { maxLength: 40 }), (lists, chars) => {
        const params = lists.map((l) => l.join(' '));
        const v = chars.join('');
        expect(hitsOf(groupOf(params), params.length, v)).toEqual(expected(params, v));
      }),
    );
  });

  it('makes @pm rules of one phase and chain one group, with the same verdicts as without it', () => {
    const rules = `SecRuleEngine On
SecRule ARGS "@pm evil attack" "id:1,phase:2,pass,log,t:lowercase"
SecRule ARGS|REQUEST_HEADERS:User-Agent "@pm sqlmap EVIL" "id:2,phase:2,pass,log,t:lowercase,capture,setvar:tx.ua=%{tx.0}"
SecRule ARGS "!@pm good" "id:3,phase:2,pass,log,t:lowercase"
SecRule ARGS "@pm evil" "id:4,phase:2,pass,log"
`;
    const grouped = Waf.fromStringSync(rules);
    const plain = Waf.fromStringSync(rules, { optimise: false });
    const rule = (id: number) => grouped.phases[2]!.rules.find((r) => r.id === id)!;
    expect(rule(1).setGroup).toBeInstanceOf(PhraseSetGroup);
    expect(rule(2).setGroup).toBe(rule(1).setGroup);
    expect(rule(3).setGroup).toBe(rule(1).setGroup);
    // another chain, another group
    expect(rule(4).setGroup).not.toBe(rule(1).setGroup);
    for (const r of [{ uri: '/?q=EVIL+thing' }, { uri: '/?q=good', headers: [['User-Agent', 'SQLMap/1.0']] as Array<[string, string]> }, { uri: '/?q=plain' }]) {
      const a = run(grouped, r);
      const b = run(plain, r);
      expect(a.matchedRules().map((m) => [m.id, m.variable, m.data])).toEqual(b.matchedRules().map((m) => [m.id, m.variable, m.data]));
      expect(a.getVariable('TX', 'ua')).toBe(b.getVariable('TX', 'ua'));
    }
    expect(run(grouped, { uri: '/?q=x', headers: [['User-Agent', 'SQLMap/1.0']] }).getVariable('TX', 'ua')).toBe('sqlmap');
  });
});
