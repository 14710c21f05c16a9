import { describe, it, expect } from 'vitest';
import { logEscape } from './log-line.js';
import { run, waf } from '../../test/engine/helpers.js';

describe('logEscape', () => {
  it('escapes quotes, backslashes and bytes outside 0x20-0x7e, and keeps the rest', () => {
    expect(logEscape('plain text ~')).toBe('plain text ~');
    expect(logEscape('a"b\\c')).toBe('a\\"b\\\\c');
    expect(logEscape('\x00\x1f\x7f\xe9\n')).toBe('\\x00\\x1f\\x7f\\xe9\\x0a');
    expect(logEscape('"')).toBe('\\"');
    expect(logEscape('')).toBe('');
  });
});

describe('rule log lines', () => {
  // msg and logdata are expanded when the whole chain matched: MATCHED_VAR is the last link's
  const rules = `SecRule ARGS_NAMES "@rx ." "id:7,phase:2,pass,log,msg:'hit %{MATCHED_VAR_NAME}',logdata:'%{MATCHED_VAR}',tag:'t\\"q',severity:2,ver:'v1',chain"
    SecRule ARGS "@rx a" "t:none"`;

  it('give each match its own variable, value, msg and data, with the rule\'s constant fields', () => {
    const w = waf(rules);
    const first = run(w, { uri: '/?x=a%22%01' }).logLines();
    const second = run(w, { uri: '/?yy=ba' }).logLines();
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('Matched "Operator `Rx\' with parameter `a\' against variable `ARGS:x\' (Value: `a\\"\\x01\' )');
    expect(first[0]).toContain('[id "7"] [rev ""] [msg "hit ARGS:x"] [data "a\\"\\x01"] [severity "2"] [ver "v1"] [maturity "0"] [accuracy "0"] [tag "t\\"q"]');
    // the second line is built from the parts the first one kept
    expect(second[0]).toContain('with parameter `a\' against variable `ARGS:yy\' (Value: `ba\' )');
    expect(second[0]).toContain('[msg "hit ARGS:yy"] [data "ba"] [severity "2"]');
  });

  it('are the same whenever they are read: a warning is formatted when the lines are asked for, a disruption at once', () => {
    const w = waf(`SecRule REQUEST_URI "@rx /a" "id:1,phase:1,pass,log,msg:'one %{TX.n}',setvar:tx.n=1"
SecRule ARGS:x "@rx b" "id:2,phase:2,pass,log,msg:'two %{TX.n}',setvar:tx.n=2"
SecRule ARGS:x "@rx b" "id:3,phase:2,deny,log,msg:'three %{TX.n}'"`);
    const tx = w.transaction();
    tx.processUri('/a?x=b', 'GET', '1.1');
    tx.processRequestHeaders();
    const early = [...tx.logLines()];
    expect(early).toHaveLength(1);
    expect(early[0]).toContain('[msg "one 1"]');
    const intervention = tx.processRequestBody();
    const lines = tx.logLines();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(early[0]);
    // msg is expanded when the rule matched (after its setvar), not when the lines are read
    expect(lines[1]).toContain('ModSecurity: Warning. Matched "Operator `Rx\' with parameter `b\' against variable `ARGS:x\' (Value: `b\' )');
    expect(lines[1]).toContain('[msg "two 2"]');
    expect(lines[2]).toContain('ModSecurity: Access denied with code 403 (phase 2).');
    expect(lines[2]).toContain('[msg "three 2"]');
    expect(intervention?.log).toBe(lines[2]);
  });
});
