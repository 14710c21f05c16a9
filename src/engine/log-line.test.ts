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
});
