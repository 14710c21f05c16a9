import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bodyProcessors } from './registry.js';
import { parseUrlEncoded } from './urlencoded.js';

const limits = { jsonDepthLimit: 10000, argumentsLimit: 1000, argumentSeparator: '&', uploadFileLimit: 2 };
const CONTENT_TYPES: Record<string, string> = {
  URLENCODED: 'application/x-www-form-urlencoded',
  MULTIPART: 'multipart/form-data; boundary=XyZ',
  JSON: 'application/json',
  XML: 'text/xml',
};
const SEEDS: Record<string, string> = {
  URLENCODED: 'a=1&b=%41+c&d',
  MULTIPART:
    '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZ\r\n' +
    'Content-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\ndata\r\n--XyZ--\r\n',
  JSON: '{"a":[1,{"b":"c\\u00e9"}],"d":null,"e":-1.5e3}',
  XML: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><r a="1"><b>&e;&#65;</b><![CDATA[z]]></r>',
};

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((a) => Buffer.from(a).toString('latin1'));

/** A seed body with random insertions, deletions and replacements. */
const mutated = (seed: string) =>
  fc.array(fc.tuple(fc.nat(), fc.nat(8), bytes(8)), { maxLength: 12 }).map((ops) => {
    let s = seed;
    for (const [at, del, ins] of ops) {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });

describe('body processors never throw', () => {
  for (const [name, processor] of bodyProcessors) {
    const ct = CONTENT_TYPES[name]!;
    it(`${name}: random bytes up to 64 KB`, () => {
      fc.assert(fc.property(bytes(65536), (body) => {
        const r = processor.parse(body, ct, limits);
        expect(r.error === null || typeof r.error === 'string').toBe(true);
      }), { numRuns: 60 });
    });
    it(`${name}: mutated valid bodies`, () => {
      fc.assert(fc.property(mutated(SEEDS[name]!), (body) => {
        processor.parse(body, ct, limits);
      }), { numRuns: 400 });
    });
    it(`${name}: a valid seed parses without error`, () => {
      expect(processor.parse(SEEDS[name]!, ct, limits).error).toBeNull();
    });
    it(`${name}: large pathological input stays fast`, () => {
      const big = name === 'JSON' ? '['.repeat(9000) + '"\\ud800",'.repeat(5000) : name === 'XML' ? '<a>' + '&amp;'.repeat(13000) + '</a>' : (SEEDS[name]! + '-'.repeat(50)).repeat(300);
      const t0 = Date.now();
      processor.parse(big, ct, limits);
      expect(Date.now() - t0).toBeLessThan(1000);
    });
  }
  it('random Content-Types never make MULTIPART throw', () => {
    fc.assert(fc.property(bytes(200), bytes(2000), (ctTail, body) => {
      bodyProcessors.get('MULTIPART')!.parse(body, `multipart/form-data;${ctTail}`, limits);
    }), { numRuns: 300 });
  });
  it('parseUrlEncoded round-trips plain pairs', () => {
    const token = fc.stringMatching(/^[a-z0-9]{0,6}$/);
    fc.assert(fc.property(fc.array(fc.tuple(token, token), { minLength: 1, maxLength: 8 }), (pairs) => {
      const text = pairs.map(([k, v]) => `${k}=${v}`).join('&');
      expect(parseUrlEncoded(text)).toEqual(pairs);
    }));
  });
});
