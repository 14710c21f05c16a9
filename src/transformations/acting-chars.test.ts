import { describe, expect, it } from 'vitest';
import { ACTING_CHARS, transformations } from './registry.js';
import type { TransformationDefinition } from './types.js';

const declared = [...new Set(transformations.values())].filter((d) => d.acts !== undefined);
const env = { unicodeMap: null };

/** A small deterministic generator (xorshift), so a failure names a reproducible value. */
function randomBytes(seed: number, alphabet: readonly number[], count: number): string[] {
  let x = seed;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0);
  return Array.from({ length: count }, () => {
    const n = next() % 24;
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(alphabet[next() % alphabet.length]!);
    return s;
  });
}

function inertBytes(d: TransformationDefinition): number[] {
  return Array.from({ length: 256 }, (_, b) => b).filter((b) => !d.acts!.test(String.fromCharCode(b)));
}

describe('transformations declare the chars they act on', () => {
  it.each(declared.map((d) => [d.name, d] as const))('%s leaves values without those chars unchanged', (_, d) => {
    const transform = d.create(env);
    for (const value of randomBytes(0x9e3779b9, inertBytes(d), 3000)) expect(transform(value), JSON.stringify(value)).toBe(value);
  });

  it('gives a value the bits of exactly the transformations that act on one of its chars', () => {
    const all = Array.from({ length: 256 }, (_, b) => b);
    const values = [...randomBytes(7, all, 500).map((v) => v.slice(0, 3)), 'json.child.0.name', 'Mozilla/5.0 (X11)', '%41&amp;'];
    for (const d of declared) {
      const mask = ACTING_CHARS.maskOf(d);
      for (const v of values) expect((ACTING_CHARS.maskOfValue(v) & mask) !== 0, `${d.name} ${JSON.stringify(v)}`).toBe(d.acts!.test(v));
    }
  });

  it('gives a long value (searched natively) the bits of its chars, as a short one', () => {
    const all = Array.from({ length: 256 }, (_, b) => b);
    const pieces = randomBytes(11, all, 300);
    for (let k = 0; k < pieces.length; k++) {
      const long = 'json.child.'.repeat(8 + (k % 5)) + pieces[k] + (k % 3 === 0 ? '\u0101' : '');
      const expected = [...long].reduce((m, c) => m | ACTING_CHARS.maskOfValue(c), 0);
      expect(ACTING_CHARS.maskOfValue(long), JSON.stringify(long)).toBe(expected);
    }
  });

  it('runs a transformation without declared chars on every value, and declared ones on chars beyond a byte', () => {
    const base64Decode = ACTING_CHARS.maskOf(transformations.get('base64decode')!);
    for (const value of ['', '0123', '.', '%']) expect(base64Decode & ACTING_CHARS.maskOfValue(value), value).not.toBe(0);
    for (const d of declared) expect(ACTING_CHARS.maskOf(d) & ACTING_CHARS.maskOfValue('\u0100'), d.name).not.toBe(0);
  });
});
