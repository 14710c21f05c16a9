import { describe, expect, it } from 'vitest';
import { Waf } from '../waf.js';
import { RuleSelection } from './rule-selection.js';

describe('RuleSelection', () => {
  const waf = Waf.fromStringSync([
    'SecRule ARGS "@rx a" "id:1,phase:1,pass,tag:one"',
    'SecRule ARGS "@rx b" "id:2,phase:1,pass,tag:two,chain"',
    '  SecRule ARGS "@rx c" "t:none"',
  ].join('\n'));
  const rules = waf.phases[1]!.rules;

  it('names the rules its predicate names, deciding each rule once for all transactions', () => {
    const asked: number[] = [];
    const selection = new RuleSelection((rule) => {
      asked.push(rule.id);
      return rule.tags.includes('two');
    });
    for (let pass = 0; pass < 3; pass++) {
      expect(selection.has(rules[0]!, waf.ruleCount)).toBe(false);
      expect(selection.has(rules[1]!, waf.ruleCount)).toBe(true);
    }
    expect(asked).toEqual([1, 2]);
  });

  it('tells chain links apart from their starter (each rule has its own index)', () => {
    const link = rules[1]!.chain!;
    expect(new Set([rules[0]!.index, rules[1]!.index, link.index]).size).toBe(3);
    expect(Math.max(rules[0]!.index, rules[1]!.index, link.index)).toBeLessThan(waf.ruleCount);
    expect(new RuleSelection((rule) => rule === link).has(link, waf.ruleCount)).toBe(true);
  });
});
