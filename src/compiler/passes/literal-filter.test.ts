import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralFilter, LiteralScan, PhraseTable, type ScanMemo } from './literal-filter.js';
import { VALUE_END, VALUE_START } from './required-literals.js';
import { holdsLiteral } from './test-cases.js';

type Required = (string[][] | null)[];

/** Oracle: the patterns each of whose OR-sets has a string in the value. */
const expected = (required: Required, value: string): number[] =>
  required.flatMap((clauses, i) => (clauses !== null && clauses.every((strings) => strings.some((s) => holdsLiteral(value, s))) ? [i] : []));

function candidatesOf(filter: LiteralFilter, size: number, value: string, memo: ScanMemo | null): number[] {
  const out = new Int32Array(size);
  const n = filter.candidates(value, out, memo);
  return [...out.subarray(0, n)].sort((a, b) => a - b);
}

// as requiredLiterals gives them: some text, perhaps tied to the value's start or end
const literal = fc
  .tuple(fc.constantFrom('', VALUE_START), fc.array(fc.constantFrom('a', 'b', 'x', "'", ' ', '\xe9'), { minLength: 1, maxLength: 3 }), fc.constantFrom('', VALUE_END))
  .map(([s, cs, e]) => s + cs.join('') + e);
const required: fc.Arbitrary<Required> = fc.array(
  fc.option(fc.array(fc.array(literal, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { nil: null }),
  { minLength: 1, maxLength: 6 },
);
const value = fc.oneof(
  fc.array(fc.constantFrom('a', 'B', 'x', "'", ' ', '\xe9', '\xc9', 'z'), { maxLength: 12 }).map((cs) => cs.join('')),
  // long enough for a filter's regex of its literals to be tried
  fc.array(fc.constantFrom('a', 'B', 'x', "'", ' ', '\xe9', '\xc9', 'z', 'q', '\xff'), { minLength: 32, maxLength: 80 }).map((cs) => cs.join('')),
  // long runs, as in large request bodies
  fc.tuple(fc.constantFrom("'", ' ', 'a'), fc.integer({ min: 100, max: 3000 }), fc.constantFrom('', 'ab', "x'")).map(([c, n, tail]) => c.repeat(n) + tail),
);

describe('LiteralFilter', () => {
  it('names the patterns each of whose OR-sets has a string in the value', () => {
    const req: Required = [[['select'], ['from']], [[`${VALUE_START}get${VALUE_END}`]], [['<script', 'javascript:']], null, [[`${VALUE_START}/`], ['..']]];
    const filter = new LiteralFilter(req);
    expect(candidatesOf(filter, req.length, 'SELECT a FROM b', null)).toEqual([0]);
    expect(candidatesOf(filter, req.length, 'GET', null)).toEqual([1]);
    expect(candidatesOf(filter, req.length, 'get ', null)).toEqual([]);
    expect(candidatesOf(filter, req.length, '/a/../b <script', null)).toEqual([2, 4]);
  });

  it('gives, with one scan shared by several filters and its memo, what each filter alone gives (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(required, { minLength: 1, maxLength: 4 }), fc.array(value, { minLength: 1, maxLength: 6 }), (groups, values) => {
        const scan = new LiteralScan();
        // half of them with a regex of their literals (whatever they cost), the others without
        const shared = groups.map((req, g) => new LiteralFilter(req, scan, g % 2 === 0 ? 1 : -1));
        const memo: ScanMemo = new Map();
        // as the engine asks: group by group, each over all the values
        groups.forEach((req, g) => {
          for (const v of values) {
            const want = expected(req, v);
            expect(candidatesOf(shared[g]!, req.length, v, memo), `group ${g} on ${JSON.stringify(v.slice(0, 40))}`).toEqual(want);
            expect(candidatesOf(new LiteralFilter(req), req.length, v, null)).toEqual(want);
          }
        });
        expect(memo.size).toBeLessThanOrEqual(new Set(values).size);
        // a value scanned for one filter is answered from the memo for the others
        for (const [v, phrases] of memo) expect(phrases).toEqual(scan.phrasesIn(v, null));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a literal registered after the shared scan has run', () => {
    const scan = new LiteralScan();
    new LiteralFilter([[['ab']]], scan).candidates('xab', new Int32Array(1));
    expect(() => new LiteralFilter([[['cd']]], scan)).toThrow(/after the first scan/);
  });
});

describe('PhraseTable', () => {
  it('gives what is kept for a phrase held, nothing for the others (past the largest too)', () => {
    const table = new PhraseTable(new Map([[40, 'a'], [2, 'b']]));
    expect([0, 2, 3, 31, 32, 40, 41, 64, 1000].map((p) => table.get(p))).toEqual([undefined, 'b', undefined, undefined, undefined, 'a', undefined, undefined, undefined]);
    expect(new PhraseTable(new Map()).get(0)).toBeUndefined();
  });

  it('leaves the phrases a filter does not hold to the other filters of the scan', () => {
    // the second filter registers its literal after the first's: past the first's bits
    const scan = new LiteralScan();
    const first = new LiteralFilter([[['ab']]], scan);
    const second = new LiteralFilter([[['cd']], [['ab']]], scan);
    const out = new Int32Array(2);
    expect(first.candidates('xcdx', out)).toBe(0);
    expect(second.candidates('xcdx', out)).toBe(1);
    expect(out[0]).toBe(0);
    expect(first.candidates('ab cd', out)).toBe(1);
    expect(second.candidates('ab cd', out)).toBe(2);
  });
});
