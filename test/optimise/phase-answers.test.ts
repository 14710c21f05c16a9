import { describe, it, expect } from 'vitest';
import { Waf } from '../../src/waf.js';
import { waf, run, ids } from '../engine/helpers.js';

// Rules of one RE2.Set group with the same targets share one answer per phase: a runtime target
// exclusion and the body arguments that arrive in phase 2 must still be seen.
describe('regex-set answers kept per phase', () => {
  const rules = `
SecRule ARGS "@rx evil" "id:1,phase:1,pass,log,t:lowercase"
SecRule ARGS "@rx bad" "id:2,phase:1,pass,log,t:lowercase"
SecRule ARGS "@rx evil" "id:3,phase:2,pass,log,t:lowercase,ctl:ruleRemoveTargetById=4;ARGS:q"
SecRule ARGS "@rx evil" "id:4,phase:2,pass,log,t:lowercase"
SecRule ARGS "@rx bad" "id:5,phase:2,pass,log,t:lowercase"
SecRule ARGS "@rx worse" "id:6,phase:2,pass,log,t:lowercase"
`;
  const w = waf(rules);

  it('answers phase 2 from the values of phase 2 (body arguments included)', () => {
    const tx = run(w, {
      method: 'POST', uri: '/?a=BAD',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'b=worse',
    });
    expect(ids(tx)).toEqual([2, 5, 6]);
  });

  it('lets a rule excluded from a target at runtime miss what its twins still see', () => {
    expect(ids(run(w, { uri: '/?q=Evil' }))).toEqual([1, 3]);
    expect(ids(run(w, { uri: '/?r=Evil' }))).toEqual([1, 3, 4]);
  });
});

// A group's answers over the union of the targets its rules read (without their exclusions) rule
// out the others' patterns at once; a rule that the union lets through is still decided on its own
// targets and exclusions.
describe('regex-set answers over the wide targets of a group', () => {
  const rules = `
SecRule ARGS:a "@rx evil" "id:10,phase:2,pass,log,t:lowercase"
SecRule ARGS|!ARGS:b "@rx bad" "id:11,phase:2,pass,log,t:lowercase"
SecRule REQUEST_HEADERS:User-Agent "@rx bad" "id:12,phase:2,pass,log,t:lowercase"
SecRule ARGS:b|REQUEST_HEADERS:User-Agent "@rx evil" "id:13,phase:2,pass,log,t:lowercase"
SecRule ARGS_NAMES "@rx worse" "id:14,phase:2,pass,log,t:lowercase"
`;
  const w = waf(rules);

  it('matches what each rule reads, not what its group reads', () => {
    expect(ids(run(w, { uri: '/?b=EVIL' }))).toEqual([13]);
    expect(ids(run(w, { uri: '/?b=bad' }))).toEqual([]);
    expect(ids(run(w, { uri: '/?a=bad&c=evil' }))).toEqual([11]);
    expect(ids(run(w, { uri: '/?a=evil', headers: [['User-Agent', 'Bad']] }))).toEqual([10, 12]);
    expect(ids(run(w, { uri: '/?worse=1', headers: [['User-Agent', 'evil']] }))).toEqual([13, 14]);
  });

  it('agrees with the plain rule-by-rule program', () => {
    const plain = Waf.fromStringSync(`SecRuleEngine On\n${rules}`, { optimise: false });
    for (const uri of ['/?b=EVIL', '/?a=bad&b=bad', '/?a=evil&b=evil', '/?worse=evil', '/?c=bad']) {
      for (const ua of ['bad', 'evil', 'fine']) {
        const req = { uri, headers: [['User-Agent', ua]] as Array<[string, string]> };
        expect(ids(run(w, req))).toEqual(ids(run(plain, req)));
      }
    }
  });
});
