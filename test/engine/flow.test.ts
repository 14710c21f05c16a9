import { describe, it, expect } from 'vitest';
import { waf, run, ids } from './helpers.js';

describe('skip, skipAfter and markers', () => {
  it('skipAfter continues after the marker, only when the rule matched', () => {
    const w = waf(`
SecRule ARGS:go "@streq yes" "id:1,phase:1,pass,nolog,skipAfter:END"
SecAction "id:2,phase:1,pass,log"
SecMarker END
SecAction "id:3,phase:1,pass,log"
`);
    expect(ids(run(w, { uri: '/?go=yes' }))).toEqual([3]);
    expect(ids(run(w, { uri: '/?go=no' }))).toEqual([2, 3]);
  });

  it('skip:N skips N rules, a chain counting as one', () => {
    const w = waf(`
SecAction "id:1,phase:1,pass,nolog,skip:2"
SecRule ARGS "@rx ." "id:2,phase:1,pass,log,chain"
  SecRule ARGS "@rx ." "t:none"
SecAction "id:3,phase:1,pass,log"
SecAction "id:4,phase:1,pass,log"
`);
    expect(ids(run(w, { uri: '/?a=1' }))).toEqual([4]);
  });
});

describe('rule removal and updates at load time', () => {
  it('SecRuleRemoveById removes earlier rules by id and range', () => {
    const w = waf(`
SecAction "id:1,phase:1,pass,log"
SecAction "id:5,phase:1,pass,log"
SecAction "id:7,phase:1,pass,log"
SecRuleRemoveById 1 6-9
`);
    expect(ids(run(w))).toEqual([5]);
  });

  it('SecRuleRemoveByTag removes by tag', () => {
    const w = waf(`
SecAction "id:1,phase:1,pass,log,tag:'attack-sqli'"
SecAction "id:2,phase:1,pass,log,tag:'other'"
SecRuleRemoveByTag attack-sqli
`);
    expect(ids(run(w))).toEqual([2]);
  });

  it('SecRuleUpdateTargetById adds an exclusion', () => {
    const w = waf(`
SecRule ARGS "@rx evil" "id:1,phase:2,pass,log"
SecRuleUpdateTargetById 1 "!ARGS:safe"
`);
    expect(ids(run(w, { uri: '/?safe=evil' }))).toEqual([]);
    expect(ids(run(w, { uri: '/?other=evil' }))).toEqual([1]);
  });

  it('SecRuleUpdateActionById changes the disruptive action', () => {
    const w = waf(`
SecRule ARGS "@rx evil" "id:1,phase:2,deny,log"
SecRuleUpdateActionById 1 "pass"
`);
    const tx = run(w, { uri: '/?a=evil' });
    expect(ids(tx)).toEqual([1]);
    expect(tx.intervention()).toBeNull();
  });
});

describe('ctl', () => {
  it('ruleRemoveById removes a later rule for this transaction only', () => {
    const w = waf(`
SecRule ARGS:off "@streq 1" "id:1,phase:1,pass,nolog,ctl:ruleRemoveById=3"
SecAction "id:3,phase:2,pass,log"
`);
    expect(ids(run(w, { uri: '/?off=1' }))).toEqual([]);
    expect(ids(run(w, { uri: '/?off=0' }))).toEqual([3]);
  });

  it('ruleRemoveTargetById excludes one argument from one rule', () => {
    const w = waf(`
SecAction "id:1,phase:1,pass,nolog,ctl:ruleRemoveTargetById=2;ARGS:password"
SecRule ARGS "@rx '" "id:2,phase:2,pass,log"
SecRule ARGS "@rx '" "id:3,phase:2,pass,log"
`);
    expect(ids(run(w, { uri: "/?password=a'b" }))).toEqual([3]);
    expect(ids(run(w, { uri: "/?user=a'b" }))).toEqual([2, 3]);
  });

  it('ruleEngine=DetectionOnly logs without intervening', () => {
    const w = waf(`
SecRule ARGS:mode "@streq watch" "id:1,phase:1,pass,nolog,ctl:ruleEngine=DetectionOnly"
SecRule ARGS "@rx evil" "id:2,phase:2,deny,log"
`);
    const watched = run(w, { uri: '/?mode=watch&a=evil' });
    expect(watched.intervention()).toBeNull();
    expect(ids(watched)).toEqual([2]);
    expect(run(w, { uri: '/?a=evil' }).intervention()).toMatchObject({ status: 403, ruleId: 2 });
  });
});

describe('disruptive actions', () => {
  it('block takes the SecDefaultAction of its phase', () => {
    const w = waf(`
SecDefaultAction "phase:2,log,auditlog,deny,status:418"
SecRule ARGS "@rx evil" "id:1,phase:2,block"
`);
    expect(run(w, { uri: '/?a=evil' }).intervention()).toMatchObject({ status: 418, ruleId: 1 });
  });

  it('a deny in phase 1 stops later phases', () => {
    const w = waf(`
SecRule REQUEST_HEADERS:X-Bad "@streq 1" "id:1,phase:1,deny,status:401,log"
SecAction "id:2,phase:2,pass,log"
`);
    const tx = run(w, { headers: [['X-Bad', '1']] });
    expect(tx.intervention()).toMatchObject({ status: 401, phase: 1 });
    expect(ids(tx)).toEqual([1]);
  });

  it('redirect gives 302 and the expanded URL', () => {
    const w = waf(`SecRule ARGS:a "@streq x" "id:1,phase:1,redirect:'/blocked?id=%{rule.id}',log"`);
    expect(run(w, { uri: '/?a=x' }).intervention()).toMatchObject({ status: 302, url: '/blocked?id=1', action: 'redirect' });
  });

  it('allow skips the remaining request rules', () => {
    const w = waf(`
SecRule REMOTE_ADDR "@ipMatch 127.0.0.1" "id:1,phase:1,allow,nolog"
SecRule ARGS "@rx evil" "id:2,phase:2,deny,log"
`);
    expect(run(w, { uri: '/?a=evil' }).intervention()).toBeNull();
  });

  it('DetectionOnly never intervenes', () => {
    const w = waf('SecRule ARGS "@rx evil" "id:1,phase:2,deny,log"', 'SecRuleEngine DetectionOnly\n');
    const tx = run(w, { uri: '/?a=evil' });
    expect(tx.intervention()).toBeNull();
    expect(ids(tx)).toEqual([1]);
  });
});

describe('body limits', () => {
  const rules = 'SecRule REQUEST_BODY "@contains tail" "id:1,phase:2,deny,log"\n';
  it('Reject answers 413 once the body passes SecRequestBodyLimit', () => {
    const w = waf(rules, 'SecRuleEngine On\nSecRequestBodyAccess On\nSecRequestBodyLimit 8\nSecRequestBodyLimitAction Reject\n');
    const tx = run(w, { method: 'POST', headers: [['Content-Type', 'text/plain']], body: '0123456789tail' });
    expect(tx.intervention()).toMatchObject({ status: 413, phase: 2 });
  });

  it('ProcessPartial inspects only what fits', () => {
    const w = waf(rules, 'SecRuleEngine On\nSecRequestBodyAccess On\nSecRequestBodyLimit 8\nSecRequestBodyLimitAction ProcessPartial\n');
    const cut = run(w, { method: 'POST', headers: [['Content-Type', 'text/plain']], body: '0123456789tail' });
    expect(cut.intervention()).toBeNull();
    const whole = run(w, { method: 'POST', headers: [['Content-Type', 'text/plain']], body: '0tail' });
    expect(whole.intervention()).toMatchObject({ status: 403, ruleId: 1 });
  });
});
