import { describe, expect, it } from 'vitest';
import { SecLangError } from './errors.js';
import { parseOperator } from './operator.js';

const P = { file: 'f.conf', line: 3, column: 15 };
const op = (text: string) => {
  const { pos: _pos, ...o } = parseOperator(text, P);
  return o;
};

describe('parseOperator', () => {
  it('reads @name and its parameter', () => {
    expect(op('@rx ^(?i)abc$')).toEqual({ name: 'rx', param: '^(?i)abc$', negated: false });
    expect(op('@pmFromFile  lfi-os-files.data')).toEqual({ name: 'pmFromFile', param: 'lfi-os-files.data', negated: false });
  });

  it('reads negation', () => {
    expect(op('!@eq 0')).toEqual({ name: 'eq', param: '0', negated: true });
  });

  it('reads operators without a parameter', () => {
    expect(op('@detectSQLi')).toEqual({ name: 'detectSQLi', param: '', negated: false });
    expect(op('@unconditionalMatch ')).toEqual({ name: 'unconditionalMatch', param: '', negated: false });
  });

  it('gives known names their canonical spelling and keeps unknown ones', () => {
    expect(op('@PMFROMFILE x').name).toBe('pmFromFile');
    expect(op('@ipmatch 1.2.3.4').name).toBe('ipMatch');
    expect(op('@noSuchOp x')).toEqual({ name: 'noSuchOp', param: 'x', negated: false });
  });

  it('is an implicit @rx of the whole string without @', () => {
    expect(op('^GET /')).toEqual({ name: 'rx', param: '^GET /', negated: false });
    expect(op('!^(a|b) $')).toEqual({ name: 'rx', param: '^(a|b) $', negated: true });
    expect(op(' @rx x')).toEqual({ name: 'rx', param: ' @rx x', negated: false });
  });

  it('is @rx with an empty parameter when empty', () => {
    expect(op('')).toEqual({ name: 'rx', param: '', negated: false });
  });

  it('keeps the parameter with macros and trailing blanks as written', () => {
    expect(op('@streq %{tx.x} ')).toEqual({ name: 'streq', param: '%{tx.x} ', negated: false });
  });

  it('is positioned at its first character', () => {
    expect(parseOperator('!@rx a', P).pos).toEqual(P);
  });

  it('rejects @ without a name', () => {
    expect(() => parseOperator('@ x', P)).toThrow(SecLangError);
    expect(() => parseOperator('!@', P)).toThrow(/3:16: operator name expected/);
  });
});
