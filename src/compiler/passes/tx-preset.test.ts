import { describe, expect, it } from 'vitest';
import { Waf } from '../../waf.js';
import type { Transaction } from '../../engine/transaction.js';
import { run, type TestRequest } from '../../../test/engine/helpers.js';

const PREAMBLE = 'SecRuleEngine On\nSecRequestBodyAccess On\n';
const load = (rules: string, optimise = true) => Waf.fromStringSync(PREAMBLE + rules, { optimise });

function preset(w: Waf) {
  return w.phases[1]!.plan.txPreset;
}

/** What a transaction ends with that the preset stands for: TX in order, the chains that matched, MATCHED_VAR. */
function outcome(tx: Transaction) {
  return {
    tx: tx.store('TX')!.entries().map((e) => [e.key, e.value]),
    matched: tx.matchedRules().map((m) => [m.id, m.variable, m.logged]),
    matchedVar: [tx.matchedVarName, tx.matchedVar],
    severity: tx.highestSeverity,
    auditRelevant: tx.auditRelevant,
  };
}

/** The program with the preset ends every request as the one without any load-time decision does. */
function agrees(rules: string, requests: Array<TestRequest & { before?: (tx: Transaction) => void }>): void {
  for (const r of requests) {
    const results = [load(rules), load(rules, false)].map((w) => {
      const tx = w.transaction();
      r.before?.(tx);
      return outcome(runOn(tx, r));
    });
    expect(results[0]).toEqual(results[1]);
  }
}

function runOn(tx: Transaction, r: TestRequest): Transaction {
  tx.processUri(r.uri ?? '/', r.method ?? 'GET', '1.1');
  for (const [k, v] of r.headers ?? []) tx.addRequestHeader(k, v);
  tx.processRequestHeaders();
  tx.processRequestBody();
  tx.processResponseHeaders(200, 'HTTP/1.1');
  tx.processResponseBody();
  tx.processLogging();
  return tx;
}

// CRS's shape: a request-dependent rule first, then setup SecActions and defaults for what setup left unset.
const SETUP = `
SecRule REQUEST_HEADERS:Content-Type "^application/json" "id:1,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"
SecAction "id:2,phase:1,pass,nolog,setvar:tx.blocking_paranoia_level=2"
SecRule &TX:blocking_paranoia_level "@eq 0" "id:3,phase:1,pass,nolog,setvar:tx.blocking_paranoia_level=1"
SecRule &TX:detection_paranoia_level "@eq 0" "id:4,phase:1,pass,nolog,auditlog,severity:5,setvar:tx.detection_paranoia_level=%{tx.blocking_paranoia_level}"
SecAction "id:5,phase:1,pass,nolog,setvar:tx.score=0,setvar:tx.score=+3,setvar:TX.Score_pl1=0"
SecRule TX:score "@eq 3" "id:6,phase:1,pass,nolog,skipAfter:END-SETUP"
SecAction "id:7,phase:1,pass,nolog,setvar:tx.skipped=1"
SecMarker END-SETUP
SecRule REQUEST_URI "@contains admin" "id:8,phase:1,pass,log,setvar:tx.score=+5"
SecRule TX:score "@ge 5" "id:9,phase:2,pass,log"
`;

describe('TX preset', () => {
  it('stands for the setup rules: TX in write order, the chains that matched, MATCHED_VAR', () => {
    const w = load(SETUP);
    const p = preset(w)!;
    const rules = w.phases[1]!.rules;
    expect(rules[p.start]!.id).toBe(2);
    // rule 6 skips rule 7; the request-dependent rule 8 ends the run
    expect(rules[p.end]!.id).toBe(8);
    expect(p.store.entries().map((e) => [e.key, e.value])).toEqual([
      ['blocking_paranoia_level', '2'],
      ['detection_paranoia_level', '2'],
      ['score', '3'],
      ['Score_pl1', '0'],
    ]);
    expect(p.records.filter((r) => typeof r !== 'string').map((r) => (r as { id: number }).id)).toEqual([2, 4, 5, 6]);
    expect(p.matchedVar).toEqual({ name: 'TX:score', value: '3' });
    expect([p.severity, p.auditlog]).toEqual([5, true]);
    agrees(SETUP, [{ uri: '/' }, { uri: '/admin' }, { uri: '/', headers: [['Content-Type', 'application/json']] }]);
  });

  it('lists its chains among the others in rule order, whenever the host asks', () => {
    const lists = [load(SETUP), load(SETUP, false)].map((w) => {
      const tx = w.transaction();
      tx.processUri('/admin', 'GET', '1.1');
      tx.addRequestHeader('Content-Type', 'application/json');
      tx.processRequestHeaders();
      const afterPhase1 = tx.matchedRules().map((m) => m.id);
      tx.processRequestBody();
      tx.processLogging();
      return [afterPhase1, tx.matchedRules().map((m) => m.id)];
    });
    expect(lists[0]).toEqual([[1, 2, 4, 5, 6, 8], [1, 2, 4, 5, 6, 8, 9]]);
    expect(lists[0]).toEqual(lists[1]);
  });

  it('gives the outcome the rules give when run', () => {
    const tx = run(load(SETUP), { uri: '/admin' });
    expect(tx.getVariable('TX', 'score')).toBe('8');
    expect(tx.matchedRules().filter((m) => m.logged).map((m) => m.id)).toEqual([8, 9]);
  });

  it('lets the rules run when TX is not empty where the run starts', () => {
    agrees(SETUP, [{ uri: '/admin', before: (tx) => tx.setVariable('TX', 'blocking_paranoia_level', '4') }]);
    const tx = load(SETUP).transaction();
    tx.setVariable('TX', 'detection_paranoia_level', '1');
    runOn(tx, { uri: '/' });
    expect(tx.store('TX')!.entries().map((e) => e.key)).toEqual(['detection_paranoia_level', 'blocking_paranoia_level', 'score', 'Score_pl1']);
  });

  it('lets the rules run when a ctl removed rules before the run', () => {
    const rules = `SecRule REQUEST_URI "@contains no-defaults" "id:1,phase:1,pass,nolog,ctl:ruleRemoveById=4"\n${SETUP}`.replace('id:1,phase:1,pass,nolog,ctl:requestBodyProcessor', 'id:10,phase:1,pass,nolog,ctl:requestBodyProcessor');
    expect(preset(load(rules))).not.toBeNull();
    agrees(rules, [{ uri: '/no-defaults' }, { uri: '/' }]);
    const tx = run(load(rules), { uri: '/no-defaults' });
    expect(tx.getVariable('TX', 'detection_paranoia_level')).toBeUndefined();
  });

  it('ends at a rule that logs, deletes, reads the request or writes another collection', () => {
    const ends = [
      'SecAction "id:3,phase:1,pass,log,setvar:tx.b=1"',
      'SecAction "id:3,phase:1,pass,nolog,setvar:!tx.a"',
      'SecAction "id:3,phase:1,pass,nolog,setvar:tx.b=%{REQUEST_URI}"',
      'SecAction "id:3,phase:1,pass,nolog,setvar:tx.b=1,setenv:B=1"',
      'SecRule ARGS:x "@eq 1" "id:3,phase:1,pass,nolog,setvar:tx.b=1"',
    ];
    for (const third of ends) {
      const rules = `SecAction "id:2,phase:1,pass,nolog,setvar:tx.a=1"\n${third}\nSecAction "id:4,phase:1,pass,nolog,setvar:tx.c=1"\n`;
      const w = load(rules);
      expect(preset(w)).toMatchObject({ start: 0, end: 1 });
      agrees(rules, [{ uri: '/?x=1' }, { uri: '/' }]);
    }
  });

  it('is not built without the optimisations, or without a rule that sets TX up', () => {
    expect(preset(load(SETUP, false))).toBeNull();
    expect(preset(load('SecRule ARGS "@rx a" "id:1,phase:1,pass,nolog,setvar:tx.a=1"\n'))).toBeNull();
  });
});
