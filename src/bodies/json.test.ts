import { describe, it, expect } from 'vitest';
import { parseJson } from './json.js';

const limits = { jsonDepthLimit: 10000, argumentsLimit: 1000, argumentSeparator: '&' };
const p = (s: string, l = limits) => parseJson(s, l);

describe('parseJson: names and values (ModSecurity v2)', () => {
  it('names nested keys with dots and no json. prefix', () => {
    expect(p('{"a":{"b":1,"c":"x"},"d":true}').args).toEqual([['a.b', '1'], ['a.c', 'x'], ['d', 'true']]);
  });
  it('array elements repeat the array key', () => {
    expect(p('{"a":[1,"two",null,false]}').args).toEqual([['a.a', '1'], ['a.a', 'two'], ['a.a', ''], ['a.a', 'false']]);
    expect(p('{"a":[1,{"b":2}],"c":3}').args).toEqual([['a.a', '1'], ['a.a.b', '2'], ['c', '3']]);
    expect(p('{"a":[[1]]}').args).toEqual([['a.a.a', '1']]);
  });
  it('names a top-level array "array"', () => {
    expect(p('[1,{"x":2}]').args).toEqual([['array.array', '1'], ['array.array.x', '2']]);
  });
  it('a top-level scalar has an empty name', () => {
    expect(p(' 12.5e3 ').args).toEqual([['', '12.5e3']]);
  });
  it('keeps raw number text and duplicate keys', () => {
    expect(p('{"n":-0.10E+2,"n":1}').args).toEqual([['n', '-0.10E+2'], ['n', '1']]);
  });
  it('decodes escapes to UTF-8 bytes like yajl', () => {
    expect(p('{"s":"a\\u00e9\\n\\/\\u20ac"}').args).toEqual([['s', 'a\xc3\xa9\n/\xe2\x82\xac']]);
    expect(p('{"s":"\\ud83d\\ude00"}').args).toEqual([['s', '\xf0\x9f\x98\x80']]);
    // A lone high surrogate becomes '?' and swallows the next byte.
    expect(p('{"s":"\\ud800xy"}').args).toEqual([['s', '?y']]);
    expect(p('{"s":"\\u0000"}').args).toEqual([['s', '\x00']]);
    expect(p('{"k\\u0041":"\xc3\xa9"}').args).toEqual([['kA', '\xc3\xa9']]);
  });
  it('a key containing a dot confuses the prefix stack exactly as in v2', () => {
    expect(p('{"a.b":{"c":1},"d":2}').args).toEqual([['a.b.c', '1'], ['a.d', '2']]);
  });
});

describe('parseJson: errors', () => {
  const cases: Array<[string, string]> = [
    ['', 'JSON parser error: parse error: premature EOF'],
    ['{"a":1', 'JSON parser error: parse error: premature EOF'],
    ['{"a":"x', 'JSON parser error: parse error: premature EOF'],
    ['{"a" 1}', "JSON parsing error: parse error: object key and value must be separated by a colon (':')"],
    ['{"a":1 "b"}', "JSON parsing error: parse error: after key and value, inside map, I expect ',' or '}'"],
    ['[1 2]', "JSON parsing error: parse error: after array element, I expect ',' or ']'"],
    ['{1:2}', 'JSON parsing error: parse error: invalid object key (must be a string)'],
    ['{"a":1,}', 'JSON parsing error: parse error: invalid object key (must be a string)'],
    ['[1,]', 'JSON parsing error: parse error: unallowed token at this point in JSON text'],
    ['{"a":1} x', 'JSON parsing error: parse error: trailing garbage'],
    ['{"a":x}', 'JSON parsing error: lexical error: invalid char in json text.'],
    ['{"a":tru}', 'JSON parsing error: lexical error: invalid string in json text.'],
    ['tr', 'JSON parser error: lexical error: invalid string in json text.'],
    ['{"a":"\\x"}', 'JSON parsing error: lexical error: invalid escaped character in string.'],
    ['{"a":"\\u12g4"}', "JSON parsing error: lexical error: invalid (non-hex) character occurs after '\\u' inside string."],
    ['{"a":"\x01"}', 'JSON parsing error: lexical error: invalid character inside string.'],
    ['{"a":"\xff"}', 'JSON parsing error: lexical error: invalid bytes in UTF8 string.'],
    ['{"a":-}', 'JSON parsing error: lexical error: malformed number, a digit is required after the minus sign.'],
    ['{"a":1.}', 'JSON parsing error: lexical error: malformed number, a digit is required after the decimal point.'],
    ['{"a":1e}', 'JSON parsing error: lexical error: malformed number, a digit is required after the exponent.'],
    ['[1.', 'JSON parser error: lexical error: malformed number, a digit is required after the decimal point.'],
    ['// c\n{}', 'JSON parsing error: lexical error: probable comment found in input text, comments are not enabled.'],
  ];
  for (const [body, msg] of cases) {
    it(JSON.stringify(body), () => expect(p(body).error).toBe(msg));
  }
  it('keeps the arguments found before the error', () => {
    expect(p('{"a":1,"b":x}')).toEqual({ args: [['a', '1']], error: 'JSON parsing error: lexical error: invalid char in json text.' });
  });
  it('depth limit', () => {
    const l = { ...limits, jsonDepthLimit: 2 };
    expect(p('{"a":{"b":{"c":1}}}', l).error).toBeNull();
    expect(p('{"a":{"b":{"c":{"d":1}}}}', l).error).toBe('JSON parsing error: JSON depth limit exceeded');
    expect(p('[[1]]', l).error).toBeNull();
    expect(p('[[[1]]]', l).error).toBe('JSON parsing error: JSON depth limit exceeded');
  });
  it('arguments limit cancels the parse', () => {
    const r = p('[1,2,3]', { ...limits, argumentsLimit: 2 });
    expect(r.args.length).toBe(2);
    expect(r.error).toBe('JSON parsing error: parse error: client cancelled parse via callback return value');
  });
  it('deep nesting does not overflow the stack', () => {
    const deep = '['.repeat(60000) + ']'.repeat(60000);
    expect(p(deep, { ...limits, jsonDepthLimit: 100000 }).error).toBeNull();
  });
});
