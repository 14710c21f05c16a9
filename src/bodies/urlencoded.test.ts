import { describe, it, expect } from 'vitest';
import { parseUrlEncoded, parseUrlEncodedCounting, urlDecodeModsec, urlencodedProcessor } from './urlencoded.js';

const limits = { jsonDepthLimit: 10000, argumentsLimit: 1000, argumentSeparator: '&' };

describe('urlDecodeModsec', () => {
  it('decodes + and valid escapes, keeps invalid ones', () => {
    expect(urlDecodeModsec('a+b%41%4a%zz%4')).toBe('a bAJ%zz%4');
    expect(urlDecodeModsec('%')).toBe('%');
    expect(urlDecodeModsec('%00%ff')).toBe('\x00\xff');
  });
  it('counts invalid escapes', () => {
    expect(parseUrlEncodedCounting('a=%zz&b=%4').invalid).toBe(2);
    expect(parseUrlEncodedCounting('a=%41').invalid).toBe(0);
    // a % that starts no escape is counted once, the escape after it decodes
    expect(parseUrlEncodedCounting('%%41=%4%41&c=%+1').invalid).toBe(3);
    expect(parseUrlEncodedCounting('%%41=%4%41&c=%+1').args).toEqual([['%A', '%4A'], ['c', '% 1']]);
  });
});

describe('parseUrlEncoded', () => {
  it('splits names and values at the first =', () => {
    expect(parseUrlEncoded('a=1&b=x=y')).toEqual([['a', '1'], ['b', 'x=y']]);
  });
  it('treats a part without = as a name with an empty value', () => {
    expect(parseUrlEncoded('a&b=2')).toEqual([['a', ''], ['b', '2']]);
    expect(parseUrlEncoded('a=')).toEqual([['a', '']]);
    expect(parseUrlEncoded('=')).toEqual([['', '']]);
  });
  it('keeps empty parts like parse_arguments, except after the last separator', () => {
    expect(parseUrlEncoded('a&&b')).toEqual([['a', ''], ['', ''], ['b', '']]);
    expect(parseUrlEncoded('&a=1')).toEqual([['', ''], ['a', '1']]);
    expect(parseUrlEncoded('a=1&')).toEqual([['a', '1']]);
    expect(parseUrlEncoded('')).toEqual([]);
  });
  it('decodes names and values', () => {
    expect(parseUrlEncoded('a%20b=c+d%3d')).toEqual([['a b', 'c d=']]);
  });
  it('honours another separator', () => {
    expect(parseUrlEncoded('a=1;b=2&c', ';')).toEqual([['a', '1'], ['b', '2&c']]);
  });
  it('processor reports URLENCODED_ERROR and never an error', () => {
    const r = urlencodedProcessor.parse('x=%zz', '', limits);
    expect(r).toMatchObject({ args: [['x', '%zz']], error: null, urlencodedError: true });
  });
});
