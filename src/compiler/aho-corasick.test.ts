import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AhoCorasick, NO_PHRASES } from './aho-corasick.js';

/** ASCII-only lower-casing, the folding @pm uses. */
const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Naive oracle: the occurrence with the earliest end, longest first among equal ends. */
function naive(phrases: string[], value: string): { start: number; end: number } | null {
  const v = fold(value);
  let best: { start: number; end: number } | null = null;
  for (const p of phrases) {
    if (p.length === 0) continue;
    const at = v.indexOf(fold(p));
    if (at < 0) continue;
    const end = at + p.length;
    if (best === null || end < best.end || (end === best.end && p.length > best.end - best.start)) best = { start: at, end };
  }
  return best;
}

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x80000000;
  };
}

describe('AhoCorasick', () => {
  it('finds phrases case-insensitively for ASCII only', () => {
    const ac = new AhoCorasick(['select', '\xe9t\xe9', 'union all']);
    expect(ac.matches('xx SeLeCt yy')).toBe(true);
    expect(ac.firstMatch('a UNION ALL b')).toBe('union all');
    expect(ac.matches('\xc9T\xc9')).toBe(false); // Latin-1 letters do not fold
    expect(ac.matches('\xe9T\xe9')).toBe(true);
    expect(ac.matches('')).toBe(false);
  });

  it('reports the earliest-ending, then longest, occurrence with its position', () => {
    const ac = new AhoCorasick(['bcd', 'abcd', 'cx', 'b']);
    expect(ac.search('zabcd')).toEqual({ phrase: 3, start: 2, end: 3 });
    const ac2 = new AhoCorasick(['bcd', 'abcd']);
    expect(ac2.search('zABCD')).toEqual({ phrase: 1, start: 1, end: 5 });
  });

  it('lists every phrase found, also those that end inside a longer one, each once', () => {
    const ac = new AhoCorasick(['abcd', 'bc', 'c', 'x', 'cd']);
    expect([...ac.phrasesIn('zABCDabcd')].sort()).toEqual([0, 1, 2, 4]);
    expect(ac.phrasesIn('nothing')).toBe(NO_PHRASES);
  });

  it('ignores empty phrases and keeps the first index of duplicates', () => {
    const ac = new AhoCorasick(['', 'ab', 'AB']);
    expect(ac.matches('xyz')).toBe(false);
    expect(ac.search('xab')?.phrase).toBe(1);
  });

  it('agrees with a naive includes() oracle on random data', () => {
    const rand = rng(42);
    const alphabet = 'abAB\x00\xff\xe9 .';
    const pick = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const phrases = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pick(1 + Math.floor(rand() * 4)));
      const ac = new AhoCorasick(phrases);
      for (let k = 0; k < 20; k++) {
        const value = pick(Math.floor(rand() * 30));
        const expected = naive(phrases, value);
        const got = ac.search(value);
        expect(got === null ? null : { start: got.start, end: got.end }, `${JSON.stringify(phrases)} on ${JSON.stringify(value)}`).toEqual(expected);
        expect(ac.matches(value)).toBe(expected !== null);
        const every = phrases.flatMap((p, i) => (p !== '' && phrases.findIndex((q) => fold(q) === fold(p)) === i && fold(value).includes(fold(p)) ? [i] : []));
        expect([...ac.phrasesIn(value)].sort((a, b) => a - b), `${JSON.stringify(phrases)} in ${JSON.stringify(value)}`).toEqual(every);
      }
    }
  });

  it('agrees with the oracle on long runs of bytes that start no phrase (skipped natively)', () => {
    const rand = rng(7);
    const phrases = ['abc', 'b a', 'ca', '\xe9\xe9'];
    const ac = new AhoCorasick(phrases);
    const pieces = [' ', 'x', '\xe9', 'a', 'b', 'c', 'AB', 'C'];
    for (let round = 0; round < 500; round++) {
      let value = '';
      while (value.length < 200) {
        const piece = pieces[Math.floor(rand() * pieces.length)]!;
        value += rand() < 0.3 ? piece.repeat(10 + Math.floor(rand() * 40)) : piece;
      }
      const expected = naive(phrases, value);
      const got = ac.search(value);
      expect(got === null ? null : { start: got.start, end: got.end }, JSON.stringify(value)).toEqual(expected);
      expect(ac.matches(value)).toBe(expected !== null);
      const every = phrases.flatMap((p, i) => (fold(value).includes(fold(p)) ? [i] : []));
      expect([...ac.phrasesIn(value)].sort((x, y) => x - y), JSON.stringify(value)).toEqual(every);
    }
    expect(ac.search(' '.repeat(1000) + 'ABC')).toEqual({ phrase: 0, start: 1000, end: 1003 });
    expect(new AhoCorasick(['']).matches(' '.repeat(100))).toBe(false);
  });

  it('lists every phrase of values made of long runs of one byte (a state that loops on it is skipped through)', () => {
    const rand = rng(5);
    const phrases = ["''", "'a", 'aaa', "a'a", '<', '<<x', ' ', '  b', 'A\xe9'];
    const ac = new AhoCorasick(phrases);
    const pieces = ["'", 'a', 'A', '<', 'x', ' ', 'b', '\xe9', '\u0100'];
    for (let round = 0; round < 500; round++) {
      let value = '';
      while (value.length < 300) {
        const piece = pieces[Math.floor(rand() * pieces.length)]!;
        value += rand() < 0.5 ? piece.repeat(2 + Math.floor(rand() * 60)) : piece;
      }
      const every = phrases.flatMap((p, i) => (fold(value).includes(fold(p)) ? [i] : []));
      expect([...ac.phrasesIn(value)].sort((a, b) => a - b), JSON.stringify(value)).toEqual(every);
    }
    expect([...ac.phrasesIn("'".repeat(65536) + 'a')].sort()).toEqual([0, 1]);
  });

  it('agrees with the oracle when consecutive values share long prefixes (the scan resumes)', () => {
    const rand = rng(11);
    const phrases = ['child.x', 'abc', 'b a', '\xe9\xe9'];
    const ac = new AhoCorasick(phrases);
    // (a long run of one byte crosses block ends inside phrasesIn's native skip)
    const pieces = ['child', '.', 'a', 'b', 'c', ' ', 'x', '\xe9', 'id', 'a'.repeat(150)];
    const pick = (n: number): string => Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
    let prefix = '';
    for (let round = 0; round < 2000; round++) {
      const r = rand();
      if (r < 0.1) prefix = pick(Math.floor(rand() * 400)); // a new family of values
      else if (r < 0.4) prefix += pick(1 + Math.floor(rand() * 30)); // one level deeper
      const value = rand() < 0.05 ? pick(Math.floor(rand() * 200)) : prefix + pick(Math.floor(rand() * 4));
      const expected = naive(phrases, value);
      const got = ac.search(value);
      expect(got === null ? null : { start: got.start, end: got.end }, JSON.stringify(value)).toEqual(expected);
      expect(ac.matches(value)).toBe(expected !== null);
      const every = phrases.flatMap((p, i) => (fold(value).includes(fold(p)) ? [i] : []));
      expect([...ac.phrasesIn(value)].sort((x, y) => x - y), JSON.stringify(value)).toEqual(every);
    }
    // a phrase across the end of the first 64-char block, in two values that share it
    const first = `${'q'.repeat(60)}child.x${'q'.repeat(300)}`;
    expect(ac.search(first)).toEqual({ phrase: 0, start: 60, end: 67 });
    expect(ac.search(`${first}z`)).toEqual({ phrase: 0, start: 60, end: 67 });
    // the same for phrasesIn: resumed after the shared blocks, from the row and the phrases found there
    const withAbc = `${'q'.repeat(60)}child.x${'q'.repeat(100)}abc${'q'.repeat(200)}`;
    expect(ac.phrasesIn(withAbc)).toEqual([0, 1]);
    expect(ac.phrasesIn(`${withAbc.slice(0, 192)}\xe9\xe9${'q'.repeat(200)}`)).toEqual([0, 1, 3]);
    expect(ac.phrasesIn(`${withAbc.slice(0, 67)}${'z'.repeat(300)}`)).toEqual([0]);
  });

  it('lists every phrase of a value scanned in two lanes, those across the middle too', () => {
    const rand = rng(23);
    // long phrases and phrases inside others, so that occurrences straddle the middle at any depth
    const phrases = ['abcabcabcabcabcabcabcab', 'cabca', 'bca', 'b c', 'aaaa', 'a b c a b', "''", 'x'.repeat(40) + 'y'];
    const ac = new AhoCorasick(phrases);
    const pieces = ['a', 'b', 'c', ' ', 'x', "'", 'abc', 'AbC', 'x'.repeat(45)];
    const check = (value: string): void => {
      const every = phrases.flatMap((p, i) => (fold(value).includes(fold(p)) ? [i] : []));
      expect([...ac.phrasesIn(value)].sort((x, y) => x - y), JSON.stringify(value)).toEqual(every);
    };
    for (let round = 0; round < 3000; round++) {
      let value = '';
      // below the resumable lengths (two lanes from 32 chars), and above them
      const length = round % 50 === 0 ? 16385 + Math.floor(rand() * 200) : Math.floor(rand() * 256);
      while (value.length < length) {
        const piece = pieces[Math.floor(rand() * pieces.length)]!;
        value += rand() < 0.1 ? piece.repeat(2 + Math.floor(rand() * 30)) : piece;
      }
      check(value.slice(0, length));
    }
    // an occurrence that ends one char after the middle, and one that starts at it
    const long = phrases[0]!;
    check(`${'q'.repeat(100 - long.length + 1)}${long}${'q'.repeat(99)}`);
    check(`${'q'.repeat(100)}${long}${'q'.repeat(100 - long.length)}`);
  });

  it('uses a Uint32 table when row offsets exceed 16 bits', () => {
    const phrases = Array.from({ length: 9000 }, (_, i) => `p${i.toString(36)}-${(i * 7919).toString(36)}-long-tail`);
    const ac = new AhoCorasick(phrases);
    expect(ac.firstMatch(`..${phrases[8999]!.toUpperCase()}..`)).toBe(phrases[8999]);
    expect(ac.matches('p1-nothing')).toBe(false);
  });
});

const crsRules = new URL('../../../shared/crs/rules/', import.meta.url);

describe.skipIf(!existsSync(crsRules))('AhoCorasick on CRS .data files (needs ../shared/crs)', () => {
  it('agrees with the naive oracle on every data file', () => {
    const files = readdirSync(crsRules).filter((f) => f.endsWith('.data'));
    expect(files.length).toBeGreaterThan(10);
    const rand = rng(7);
    for (const file of files) {
      const phrases = readFileSync(new URL(file, crsRules), 'latin1')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
      const ac = new AhoCorasick(phrases);
      const samples = [
        'nothing to see here',
        ...phrases.slice(0, 40).map((p) => `xx${p.toUpperCase()}yy`),
        ...Array.from({ length: 40 }, () => {
          const p = phrases[Math.floor(rand() * phrases.length)]!;
          return `${p.slice(0, Math.floor(rand() * p.length))}|${p.slice(1)}`;
        }),
      ];
      for (const value of samples) {
        const expected = naive(phrases, value);
        const got = ac.search(value);
        expect(got === null ? null : { start: got.start, end: got.end }, `${file}: ${JSON.stringify(value)}`).toEqual(expected);
      }
    }
  });
});
