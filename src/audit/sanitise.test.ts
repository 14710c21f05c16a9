import { describe, it, expect } from 'vitest';
import { maskQuery, maskUrlEncoded } from './sanitise.js';

describe('maskUrlEncoded', () => {
  const names = new Set(['pwd', 'a b']);

  it('masks the raw value of selected names, keeping its length', () => {
    expect(maskUrlEncoded('user=x&pwd=p%40ss&z=1', '&', names)).toBe('user=x&pwd=******&z=1');
  });

  it('compares decoded names case-insensitively', () => {
    expect(maskUrlEncoded('PWD=1&a+b=22&a%20B=333', '&', names)).toBe('PWD=*&a+b=**&a%20B=***');
  });

  it('keeps empty pieces, names without values and a trailing separator', () => {
    expect(maskUrlEncoded('&pwd&pwd=&x=1&', '&', names)).toBe('&pwd&pwd=&x=1&');
  });

  it('uses the configured separator', () => {
    expect(maskUrlEncoded('pwd=ab;x=1', ';', names)).toBe('pwd=**;x=1');
  });
});

describe('maskQuery', () => {
  const names = new Set(['t']);

  it('masks the query string of a request line, not the protocol', () => {
    expect(maskQuery('GET /a?t=secret&u=1 HTTP/1.1', '&', names)).toBe('GET /a?t=******&u=1 HTTP/1.1');
  });

  it('masks a bare URI and leaves one without a query string alone', () => {
    expect(maskQuery('/a?t=1', '&', names)).toBe('/a?t=*');
    expect(maskQuery('/a', '&', names)).toBe('/a');
  });
});
