import { describe, expect, it } from 'vitest';
import { SecLangError } from './errors.js';
import { parseActions } from './actions.js';

const P = { file: 'f.conf', line: 2, column: 5 };
const plain = (text: string) => parseActions(text, P).map((a) => [a.name, a.value]);

describe('parseActions', () => {
  it('reads name and name:value items', () => {
    expect(plain('id:1,phase:2,pass,t:none,t:lowercase,nolog')).toEqual([
      ['id', '1'],
      ['phase', '2'],
      ['pass', null],
      ['t', 'none'],
      ['t', 'lowercase'],
      ['nolog', null],
    ]);
  });

  it('reads single-quoted values with commas and escaped quotes', () => {
    expect(plain("msg:'a, b',tag:'x',msg:'it\\'s \\\\ \\d'")).toEqual([
      ['msg', 'a, b'],
      ['tag', 'x'],
      ['msg', "it's \\ \\d"],
    ]);
  });

  it('unquotes setvar and keeps macros', () => {
    expect(plain("setvar:'tx.x=%{tx.y}',setvar:tx.anomaly_score_pl1=+%{tx.critical_anomaly_score}")).toEqual([
      ['setvar', 'tx.x=%{tx.y}'],
      ['setvar', 'tx.anomaly_score_pl1=+%{tx.critical_anomaly_score}'],
    ]);
  });

  it('reads ctl values with = ; and : unchanged', () => {
    expect(plain('ctl:ruleRemoveTargetById=942100;ARGS:pwd,ctl:requestBodyProcessor=XML')).toEqual([
      ['ctl', 'ruleRemoveTargetById=942100;ARGS:pwd'],
      ['ctl', 'requestBodyProcessor=XML'],
    ]);
  });

  it('lower-cases names but not values', () => {
    expect(plain("skipAfter:END_HOST_CHECK,T:urlDecodeUni,MultiMatch,Msg:'Hello'")).toEqual([
      ['skipafter', 'END_HOST_CHECK'],
      ['t', 'urlDecodeUni'],
      ['multimatch', null],
      ['msg', 'Hello'],
    ]);
  });

  it("tolerates blanks around items and ':', empty items and a trailing comma", () => {
    expect(plain(" id:'200007', phase: 2 ,, block ,")).toEqual([
      ['id', '200007'],
      ['phase', '2'],
      ['block', null],
    ]);
  });

  it('reads an empty value', () => {
    expect(plain("msg:'',logdata:")).toEqual([
      ['msg', ''],
      ['logdata', ''],
    ]);
  });

  it('is empty for an empty string', () => {
    expect(plain('')).toEqual([]);
  });

  it('positions each action at its name', () => {
    expect(parseActions("id:1, msg:'a,b',pass", P).map((a) => a.pos.column)).toEqual([5, 11, 21]);
    expect(parseActions('id:1,\n  pass', P).map((a) => [a.pos.line, a.pos.column])).toEqual([[2, 5], [3, 3]]);
  });

  it.each([
    ['id:1 phase:2', 5, 'expected ","'],
    ["msg:'abc", 4, 'unterminated quoted value of action "msg"'],
    ["msg:'a'b", 7, 'unexpected "b"'],
    [':1', 0, 'action name expected'],
    ['id:1,"x"', 5, 'action name expected'],
    ['set var:x', 4, 'unexpected "v"'],
  ])('rejects %j at offset %d', (text, offset, message) => {
    let err: unknown;
    try {
      parseActions(text, P);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SecLangError);
    expect((err as SecLangError).column).toBe(P.column + offset);
    expect((err as SecLangError).message).toContain(message);
  });
});
