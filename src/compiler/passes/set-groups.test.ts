import { describe, expect, it } from 'vitest';
import { Waf } from '../../waf.js';
import { run } from '../../../test/engine/helpers.js';

const JSON_BODY = { method: 'POST', uri: '/', headers: [['Content-Type', 'application/json']] as Array<[string, string]>, body: '{"a":"secret"}' };

describe('set groups', () => {
  it('answer for REQUEST_BODY over a whole phase unless a ctl of that phase can change it', () => {
    const rules = (ctlPhase: number) => `SecRuleEngine On
SecRequestBodyAccess On
SecRule REQUEST_HEADERS:Content-Type "^application/json" "id:1,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQUEST_BODY "@rx secret" "id:2,phase:2,pass,log"
SecAction "id:3,phase:${ctlPhase},pass,nolog,ctl:forceRequestBodyVariable=On"
SecRule REQUEST_BODY "@rx secret" "id:4,phase:2,pass,log"
`;
    const ruleOf = (w: Waf, id: number) => w.phases[2]!.rules.find((r) => r.id === id)!;
    // the ctl runs in phase 2, between the two rules: REQUEST_BODY is empty for rule 2 (JSON), the body for rule 4
    const within = Waf.fromStringSync(rules(2));
    expect(ruleOf(within, 4).wideMask).toBe(0);
    const logged = (w: Waf) => run(w, JSON_BODY).matchedRules().filter((m) => m.logged).map((m) => m.id);
    expect(logged(within)).toEqual([4]);
    expect(logged(Waf.fromStringSync(rules(2), { optimise: false }))).toEqual([4]);
    // in phase 1 the ctl is done before phase 2 starts: REQUEST_BODY holds for the whole of it
    const before = Waf.fromStringSync(rules(1));
    expect(ruleOf(before, 4).wideMask).not.toBe(0);
    expect(logged(before)).toEqual([2, 4]);
  });
});

describe('wide entry slots', () => {
  it('are shared by the groups of a phase that read a target, and apart per phase (ARGS gains the body in phase 2)', () => {
    const w = Waf.fromStringSync(`SecRuleEngine On
SecRequestBodyAccess On
SecRule ARGS "@rx foo" "id:1,phase:1,pass,log,t:none"
SecRule ARGS "@rx bar" "id:2,phase:1,pass,log,t:lowercase"
SecRule ARGS "@rx foo" "id:3,phase:2,pass,log,t:none"
SecRule ARGS "@rx bar" "id:4,phase:2,pass,log,t:lowercase"
`);
    const slotsOf = (phase: number) => w.setGroups.filter((g) => w.phases[phase]!.rules.some((r) => r.setGroup === g)).map((g) => g.wideEntrySlots[0]);
    const [p1, p2] = [slotsOf(1), slotsOf(2)];
    expect(p1.length).toBe(2);
    expect(new Set(p1).size).toBe(1);
    expect(new Set(p2).size).toBe(1);
    expect(p1[0]).not.toBe(p2[0]);
    // the Waf's flat copy that transactions read
    for (const g of w.setGroups) g.wideEntrySlots.forEach((slot, b) => expect(w.wideEntrySlots[(g.id << 5) | b]).toBe(slot));
    const form = { method: 'POST', headers: [['Content-Type', 'application/x-www-form-urlencoded']] as Array<[string, string]> };
    const ids = (uri: string, body: string) => run(w, { ...form, uri, body }).matchedRules().map((m) => m.id);
    expect(ids('/?q=foo', 'b=BAR')).toEqual([1, 3, 4]);
    expect(ids('/?q=bar', 'b=foo')).toEqual([2, 3, 4]);
  });
});

describe('answer scopes', () => {
  it('answers a value for the members whose rules read its target, apart per target', () => {
    // one group (phase 1, no transformation); the ARGS rule runs first and sees "barfoo" in its
    // scope, which lacks the header rule's pattern: the header's copy of the value is answered anew
    const w = Waf.fromStringSync(`SecRuleEngine On
SecRule ARGS "@rx foo" "id:1,phase:1,pass,log"
SecRule REQUEST_HEADERS:X-Kind "@rx ^bar" "id:2,phase:1,pass,log"
`);
    expect(w.setGroups.length).toBe(1);
    const scopes = new Set(w.answerScopes);
    expect([...scopes].map((s) => (s.members === null ? 'all' : [...s.members].join(''))).sort()).toEqual(['01', '10']);
    const ids = (uri: string, kind: string) => run(w, { uri, headers: [['X-Kind', kind]] }).matchedRules().map((m) => m.id);
    expect(ids('/?q=barfoo', 'barfoo')).toEqual([1, 2]);
    expect(ids('/?q=bar', 'foo')).toEqual([]);
    expect(ids('/?q=foo', 'bar')).toEqual([1, 2]);
    // and across transactions, through the Waf's table of value analyses
    expect(ids('/?q=barx', 'y')).toEqual([]);
    expect(ids('/?q=y', 'barx')).toEqual([2]);
  });
});

describe('Waf.warm', () => {
  it('builds every set group before any request, and matching answers as before', async () => {
    const rules = `SecRuleEngine On
SecRule ARGS "@rx (?i)union\\s+select" "id:1,phase:2,pass,log,t:none"
SecRule ARGS "@rx <script" "id:2,phase:2,pass,log,t:lowercase"
SecRule ARGS "@pm passwd shadow" "id:3,phase:2,pass,log,t:lowercase"
`;
    const warmed = Waf.fromStringSync(rules);
    const groups = warmed.setGroups;
    expect(groups.length).toBe(3);
    expect(groups.some((g) => g.ready)).toBe(false);
    await warmed.warm();
    expect(groups.every((g) => g.ready)).toBe(true);
    const cold = Waf.fromStringSync(rules);
    for (const uri of ['/?q=1+UNION++select+2', '/?q=<SCRIPT>', '/?f=/etc/passwd', '/?q=plain']) {
      const ids = (w: Waf) => run(w, { uri }).matchedRules().map((m) => m.id);
      expect(ids(warmed)).toEqual(ids(cold));
    }
    expect(run(warmed, { uri: '/?q=<SCRIPT>&f=/etc/passwd' }).matchedRules().map((m) => m.id)).toEqual([2, 3]);
  });
});
