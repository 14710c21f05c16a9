import { describe, it, expect } from 'vitest';
import { waf, run, ids } from './helpers.js';

describe('chains', () => {
  const rules = `
SecRule REQUEST_METHOD "@streq POST" "id:1,phase:2,deny,status:403,msg:'post with x',logdata:'%{MATCHED_VAR}',setvar:tx.starter=1,chain"
  SecRule ARGS:x "@rx ^a" "setvar:tx.link=%{MATCHED_VAR}"
SecRule TX:starter "@eq 1" "id:2,phase:2,pass,log,msg:'starter ran'"
`;
  it('matches only when every link matches, and the intervention belongs to the starter', () => {
    const w = waf(rules, 'SecRuleEngine On\nSecRequestBodyAccess On\n');
    const tx = run(w, { method: 'POST', uri: '/?x=abc' });
    expect(tx.intervention()).toMatchObject({ status: 403, disruptive: true, phase: 2, ruleId: 1 });
    expect(tx.matchedRules()[0]).toMatchObject({ id: 1, msg: 'post with x', data: 'abc' });
    expect(tx.getVariable('TX', 'link')).toBe('abc');
  });

  it('runs the starter setvar when the starter matches even if a later link fails, but does not log', () => {
    const w = waf(rules);
    const tx = run(w, { method: 'POST', uri: '/?x=zzz' });
    expect(tx.intervention()).toBeNull();
    expect(ids(tx)).toEqual([2]);
  });

  it('gives a later link the previous link matches in MATCHED_VARS', () => {
    const w = waf(`
SecRule ARGS "@rx /" "id:10,phase:2,pass,log,chain"
  SecRule MATCHED_VARS "@rx \\s" "setvar:tx.hit=%{MATCHED_VAR_NAME}"
`);
    const tx = run(w, { uri: '/?a=x/y&b=c%20d&c=e/%20f' });
    expect(ids(tx)).toEqual([10]);
    // v2 names a MATCHED_VARS entry after the collection it was read from, which is why CRS saves MATCHED_VAR_NAME in the starter.
    expect(tx.getVariable('TX', 'hit')).toBe('MATCHED_VARS:ARGS:c');
  });

  it('rejects a chain that ends the file, naming the position', () => {
    expect(() => waf('SecRule ARGS "@rx a" "id:1,phase:2,pass,chain"')).toThrow(/<string>:3:1.*chain/);
  });
});
