import { describe, it, expect } from 'vitest';
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
