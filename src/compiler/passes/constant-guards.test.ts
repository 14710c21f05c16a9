import { describe, expect, it } from 'vitest';
import { Waf } from '../../waf.js';
import type { Rule } from '../program.js';
import { run, ids, type TestRequest } from '../../../test/engine/helpers.js';

const PREAMBLE = 'SecRuleEngine On\nSecRequestBodyAccess On\n';
const load = (rules: string, optimise = true) => Waf.fromStringSync(PREAMBLE + rules, { optimise });

function rule(w: Waf, id: number): Rule {
  for (const phase of w.phases) for (const r of phase?.rules ?? []) if (r.id === id) return r;
  throw new Error(`no rule ${id}`);
}

/** The folded program answers as the plain one does, on each request. */
function agrees(rules: string, requests: TestRequest[]): void {
  const folded = load(rules);
  const plain = load(rules, false);
  for (const r of requests) {
    const a = run(folded, r);
    const b = run(plain, r);
    expect(ids(a)).toEqual(ids(b));
    expect(a.matchedRules().map((m) => [m.id, m.variable])).toEqual(b.matchedRules().map((m) => [m.id, m.variable]));
  }
}

// CRS's shape: setup sets the level when absent, each file starts with guards that skip the rules
// of the levels above it.
const CRS_LIKE = `
SecAction "id:1,phase:1,pass,nolog,setvar:tx.blocking_paranoia_level=1"
SecRule &TX:detection_paranoia_level "@eq 0" "id:2,phase:1,pass,nolog,setvar:tx.detection_paranoia_level=%{tx.blocking_paranoia_level}"
SecRule TX:DETECTION_PARANOIA_LEVEL "@lt 1" "id:10,phase:2,pass,nolog,skipAfter:END"
SecRule ARGS "@rx one" "id:11,phase:2,pass,log"
SecRule TX:DETECTION_PARANOIA_LEVEL "@lt 2" "id:12,phase:2,pass,nolog,skipAfter:END"
SecRule ARGS "@rx two" "id:13,phase:2,pass,log"
SecMarker END
SecRule TX:BLOCKING_PARANOIA_LEVEL "@ge 1" "id:20,phase:2,pass,log,setvar:tx.score=+1"
SecRule TX:score "@eq 1" "id:21,phase:2,pass,log"
`;

describe('constant guards', () => {
  it('decides the guards of a CRS-like set from its setup', () => {
    const w = load(CRS_LIKE);
    expect(rule(w, 2).folded).toMatchObject({ matches: true, name: 'TX', value: '0' });
    expect(rule(w, 10).folded).toMatchObject({ matches: false, name: 'TX:detection_paranoia_level', value: '1' });
    expect(rule(w, 12).folded?.matches).toBe(true);
    expect(rule(w, 20).folded).toMatchObject({ matches: true, name: 'TX:blocking_paranoia_level', value: '1' });
    // +1 on an absent key is 1
    expect(rule(w, 21).folded?.matches).toBe(true);
    expect(w.compiled.foldedRules).toBe(5);
    expect(ids(run(w, { uri: '/?a=one&b=two' }))).toEqual([11, 20, 21]);
    agrees(CRS_LIKE, [{ uri: '/?a=one&b=two' }, { uri: '/' }]);
  });

  it('leaves undecided what a request can change', () => {
    const rules = `
SecAction "id:1,phase:1,pass,nolog,setvar:tx.level=1"
SecRule ARGS:up "@rx ." "id:2,phase:1,pass,nolog,setvar:tx.level=2"
SecRule TX:level "@ge 2" "id:3,phase:1,pass,log"
SecRule TX:other "@eq 0" "id:4,phase:1,pass,log"
`;
    const w = load(rules);
    expect(rule(w, 3).folded).toBeNull();
    // never written: absent, so no value to match
    expect(rule(w, 4).folded?.matches).toBe(false);
    agrees(rules, [{ uri: '/?up=1' }, { uri: '/' }]);
  });

  it('decides a guard whose parameter reads known TX keys, and not one that reads others; its value transformed', () => {
    const rules = `
SecAction "id:1,phase:1,pass,nolog,setvar:tx.blocking=2,setvar:tx.detection=1,setvar:tx.encoded=%31"
SecRule ARGS:t "@rx ." "id:2,phase:1,pass,nolog,setvar:tx.threshold=%{ARGS.t}"
SecRule TX:encoded "@eq 1" "id:6,phase:1,pass,log,t:none,t:urlDecodeUni"
SecRule TX:detection "@lt %{tx.blocking}" "id:3,phase:1,pass,log"
SecRule TX:detection "@ge %{tx.threshold}" "id:4,phase:1,pass,log"
SecRule TX:detection "@eq %{REQUEST_METHOD}" "id:5,phase:1,pass,log"
`;
    const w = load(rules);
    expect(rule(w, 3).folded).toMatchObject({ matches: true, name: 'TX:detection', value: '1' });
    expect(rule(w, 4).folded).toBeNull();
    expect(rule(w, 5).folded).toBeNull();
    // MATCHED_VAR is the value after the rule's transformations
    expect(rule(w, 6).folded).toMatchObject({ matches: true, name: 'TX:encoded', value: '1' });
    agrees(rules, [{ uri: '/?t=1' }, { uri: '/?t=5' }, { uri: '/' }]);
  });

  it('meets the paths of a skipAfter that depends on the request', () => {
    const rules = `
SecRule ARGS:skip "@rx ." "id:1,phase:1,pass,nolog,skipAfter:SET"
SecAction "id:2,phase:1,pass,nolog,setvar:tx.level=3"
SecMarker SET
SecAction "id:3,phase:1,pass,nolog,setvar:tx.same=1"
SecRule TX:level "@eq 3" "id:4,phase:1,pass,log"
SecRule TX:same "@eq 1" "id:5,phase:1,pass,log"
`;
    const w = load(rules);
    expect(rule(w, 4).folded).toBeNull();
    expect(rule(w, 5).folded?.matches).toBe(true);
    agrees(rules, [{ uri: '/?skip=1' }, { uri: '/' }]);
  });

  it('forgets the keys a macro-named setvar may write', () => {
    const rules = `
SecAction "id:1,phase:1,pass,nolog,setvar:tx.hdr_a=1,setvar:tx.level=1"
SecRule REQUEST_HEADERS_NAMES "@rx ^.*$" "id:2,phase:1,pass,nolog,capture,setvar:tx.hdr_%{tx.0}=2"
SecRule TX:hdr_a "@eq 1" "id:3,phase:1,pass,log"
SecRule TX:level "@eq 1" "id:4,phase:1,pass,log"
`;
    const w = load(rules);
    expect(rule(w, 3).folded).toBeNull();
    expect(rule(w, 4).folded?.matches).toBe(true);
    agrees(rules, [{ headers: [['a', 'x']] }, { headers: [['b', 'x']] }]);
  });

  it('decides nothing when a ctl could remove a decided rule that others depend on', () => {
    const rules = `
SecRule ARGS:off "@rx ." "id:1,phase:1,pass,nolog,ctl:ruleRemoveById=2"
SecAction "id:2,phase:1,pass,nolog,setvar:tx.level=1"
SecRule TX:level "@eq 1" "id:3,phase:1,pass,log"
`;
    const w = load(rules);
    expect(w.compiled.foldedRules).toBe(0);
    agrees(rules, [{ uri: '/?off=1' }, { uri: '/' }]);
  });

  it('keeps its decisions when a ctl removes every rule at once', () => {
    const rules = `
SecRule ARGS:off "@rx ." "id:1,phase:1,pass,nolog,ctl:ruleRemoveByTag=set"
SecAction "id:2,phase:1,pass,nolog,tag:set,setvar:tx.level=1"
SecRule TX:level "@eq 1" "id:3,phase:1,pass,log,tag:set"
`;
    expect(load(rules).compiled.foldedRules).toBe(1);
    agrees(rules, [{ uri: '/?off=1' }, { uri: '/' }]);
  });

  it('follows allow and interventions into the phases they lead to', () => {
    const rules = `
SecRule ARGS:allow "@rx ." "id:1,phase:1,allow:request,nolog"
SecRule ARGS:deny "@rx ." "id:2,phase:1,deny,log"
SecAction "id:3,phase:1,pass,nolog,setvar:tx.level=1"
SecRule TX:level "@eq 1" "id:4,phase:2,pass,log"
SecRule TX:level "@eq 1" "id:5,phase:3,pass,log"
SecRule TX:level "@eq 1" "id:6,phase:5,pass,log"
`;
    const w = load(rules);
    expect(rule(w, 4).folded?.matches).toBe(true);
    expect(rule(w, 5).folded).toBeNull();
    expect(rule(w, 6).folded).toBeNull();
    agrees(rules, [{ uri: '/?allow=1' }, { uri: '/?deny=1' }, { uri: '/' }]);
  });

  it('is not used once the host wrote TX itself', () => {
    const w = load(CRS_LIKE);
    const tx = w.transaction();
    tx.setVariable('TX', 'detection_paranoia_level', '0');
    tx.processUri('/?a=one', 'GET', '1.1');
    tx.processRequestHeaders();
    tx.processRequestBody();
    // level 0: the first guard skips every rule of the file
    expect(tx.matchedRules().map((m) => m.id)).toEqual([1, 10, 20, 21]);
  });
});

describe('rules no path reaches', () => {
  it('stay out of the RE2.Set groups, and still match when they run after all', () => {
    const w = load(CRS_LIKE);
    expect(rule(w, 11).setGroup).not.toBeNull();
    expect(rule(w, 13).setGroup).toBeNull();
    const tx = w.transaction();
    // the host raises the level: the guards are no longer used and rule 13 is reached
    tx.setVariable('TX', 'detection_paranoia_level', '2');
    tx.processUri('/?a=one&b=two', 'GET', '1.1');
    tx.processRequestHeaders();
    tx.processRequestBody();
    expect(tx.matchedRules().map((m) => m.id)).toEqual([1, 11, 13, 20, 21]);
  });
});

describe('decisions and a host that skips the rules of a phase', () => {
  it('are not used once a phase ran with the engine off', () => {
    const w = load(CRS_LIKE);
    const tx = w.transaction();
    tx.ruleEngine = 'Off';
    tx.processUri('/?a=one&b=two', 'GET', '1.1');
    tx.processRequestHeaders();
    tx.ruleEngine = 'On';
    tx.processRequestBody();
    // phase 1 set nothing: no level, so neither guard matches and both files' rules run
    expect(tx.matchedRules().map((m) => m.id)).toEqual([11, 13]);
  });
});
