import fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import RE2 from 're2';
import { describe, it, expect } from 'vitest';
import { LiteralGate, RegexSetGroup, anchoredAtStart } from './regex-sets.js';
import { GroupFamily } from './literal-filter.js';
import { NO_HITS, hasHit, unionHits } from './hits.js';
import { compileRegex, translateToRe2, type CompiledRegex } from '../regex.js';
import { pattern, value } from './test-cases.js';
import { Waf } from '../../waf.js';
import { readRequests, runRequest } from '../../cli/requests.js';

const utf8 = (v: string) => () => Buffer.from(v, 'utf8');

/** The indices the group marks for the value. */
const hitsOf = (group: RegexSetGroup, v: string): number[] => {
  const hits = group.match(v, utf8(v));
  return [...Array(group.size).keys()].filter((i) => hasHit(hits, i));
};

/** The indices of the patterns whose own regex matches the value. */
const expected = (sources: readonly string[], v: string): number[] => sources.flatMap((s, i) => (new RE2(s).test(Buffer.from(v, 'utf8')) ? [i] : []));

/** A translated pattern as the group sees a rule's regex. */
const re2Pattern = (source: string): CompiledRegex => {
  const re = new RE2(source);
  return { source, engine: 're2', re2Source: source, test: (_, b) => re.test(b!), exec: () => false, execFrom: () => null };
};

function groupOf(patterns: readonly string[]): RegexSetGroup {
  const group = new RegexSetGroup(0);
  for (const p of patterns) group.add(compileRegex(p));
  return group;
}

// Patterns with and without literals (the latter form the group's unfiltered set).
const patterns = [
  '(?i)select\\s',
  '<script',
  '\\.\\./',
  '^\\d+$',
  '(?i)union.{0,20}select',
  '\\W{4}',
  '(?i)caf\\xe9',
  '^(?:GET|HEAD)$',
  '(?i)\\bx?or\\b\\s+\\d',
  'java\\.lang\\.(?:runtime|processbuilder)',
];
const values = [
  'SELECT x',
  'a<script>',
  '../../etc',
  '12345',
  'union all  select',
  'benign text',
  '',
  'caf\xe9 ../',
  'CAF\xc9',
  '!@#$',
  'session=a8f3k2',
  'get',
  'GET ',
  "' or 1=1",
  'java.lang.Runtime <script select ../',
];

/**
 * The RE2.Set passes the group makes to answer for one value (counted, not thrown: the group
 * answers a set that throws by the patterns' own regexes), after checking its answer.
 */
function setPassesFor(group: RegexSetGroup, patterns: readonly string[], v: string): number {
  const setMatch = RE2.Set.prototype.match;
  let passes = 0;
  RE2.Set.prototype.match = function (this: InstanceType<typeof RE2.Set>, ...args: Parameters<typeof setMatch>) {
    passes++;
    return setMatch.apply(this, args);
  };
  try {
    expect(hitsOf(group, v), JSON.stringify(v)).toEqual(expected(patterns.map((p) => translateToRe2(p)), v));
  } finally {
    RE2.Set.prototype.match = setMatch;
  }
  return passes;
}

describe('RegexSetGroup', () => {
  const group = groupOf(patterns);
  const sources = patterns.map((p) => translateToRe2(p));

  it('answers, for every value, exactly what each pattern alone answers', () => {
    for (const v of values) expect(hitsOf(group, v), JSON.stringify(v)).toEqual(expected(sources, v));
  });

  it('answers the members in scope exactly, and does not run the unfiltered patterns out of it', () => {
    // in scope: the patterns with literals; out: the unfiltered ones (\W{4}, ^\d+$, ^(?:GET|HEAD)$)
    const members = new Uint8Array(patterns.length);
    const inScope = [0, 1, 2, 4, 6, 8, 9];
    for (const i of inScope) members[i] = 1;
    const scope = { answer: 0, local: 0, members };
    for (const v of values) {
      const hits = group.match(v, utf8(v), null, scope);
      const got = [...Array(group.size).keys()].filter((i) => hasHit(hits, i) && inScope.includes(i));
      expect(got, JSON.stringify(v)).toEqual(expected(sources, v).filter((i) => inScope.includes(i)));
    }
    // "!@#$" matches \W{4} alone: out of scope, nothing runs
    expect(group.match('!@#$', utf8('!@#$'), null, scope)).toBe(NO_HITS);
    expect(hitsOf(group, '!@#$')).toEqual([5]);
  });

  it('returns the shared NO_HITS answer when nothing matches', () => {
    expect(group.match('a value no pattern matches', utf8('a value no pattern matches'))).toBe(NO_HITS);
  });

  it('encodes no value that lacks the literals of every pattern when each pattern has some', () => {
    const filtered = groupOf(patterns.filter((p) => p !== '\\W{4}' && p !== '^\\d+$'));
    expect(filtered.match('sessionid=3kd93ldk2', () => expect.unreachable('RE2 ran'))).toBe(NO_HITS);
    expect(hitsOf(filtered, '<script>')).toEqual([1]);
  });

  it('runs a lone unfiltered pattern anchored at the start by its own regex, without a set pass', () => {
    const anchored = ['(?i)^[a-z]+[0-9]'];
    const group = groupOf(anchored);
    for (const v of ['12345', 'Get1 /', 'x GET1 ', '']) {
      expect(setPassesFor(group, anchored, v)).toBe(0);
    }
  });

  it('runs the whole set for a few candidates whose sources make up much of the group, their own regexes for small ones', () => {
    // 17 patterns: up to two candidates do not make a whole-set pass by their number
    const long = (word: string) => `${word}(?:${Array.from({ length: 60 }, (_, i) => `x${i}y`).join('|')})`;
    const ps = [long('alpha'), long('bravo'), ...Array.from({ length: 15 }, (_, i) => `small${i}q`)];
    const group = groupOf(ps);
    expect(setPassesFor(group, ps, 'alphax7y and bravox9y here')).toBe(1);
    expect(setPassesFor(group, ps, 'small3q and small4q')).toBe(0);
    expect(setPassesFor(group, ps, 'alphax7y alone')).toBe(0);
  });

  it('gives the same answers for random patterns and values (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 8, maxLength: 14 }), fc.boolean(), fc.array(value, { minLength: 10, maxLength: 10 }), (ps, caseless, vs) => {
        const group = new RegexSetGroup(0);
        let sources: string[];
        try {
          sources = ps.map((p) => translateToRe2(p, { caseless }));
          for (const s of sources) group.add(re2Pattern(s));
        } catch {
          return; // a construct one of the engines rejects (e.g. a repeated assertion)
        }
        for (const v of vs) expect(hitsOf(group, v), `${JSON.stringify(sources)} on ${JSON.stringify(v)}`).toEqual(expected(sources, v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('LiteralGate', () => {
  it('lets through every value a pattern matches, and refuses values without its literals', () => {
    const family = new GroupFamily();
    const gates = patterns.map((p) => ({ re: new RE2(translateToRe2(p)), gate: new LiteralGate(translateToRe2(p), family) }));
    let refused = 0;
    for (const { re, gate } of gates) {
      for (const v of values) {
        const may = gate.mayMatch(v, null);
        if (re.test(Buffer.from(v, 'utf8'))) expect(may, `${re.source} on ${JSON.stringify(v)}`).toBe(true);
        if (!may) refused++;
      }
    }
    expect(refused).toBeGreaterThan(values.length);
    // a pattern without literals has no gate to close
    expect(gates[3]!.gate.mayMatch('', null)).toBe(true);
  });
});

describe('anchoredAtStart', () => {
  it('is true when every match starts at the value start', () => {
    for (const s of ['^abc', '(?s)^(?:a|b)c', '(?s)(?i)^[|]x', '\\A(?:x|y)', '^[]|]', '^[^]|]', '^a\\|b']) {
      expect(anchoredAtStart(s), s).toBe(true);
    }
  });
  it('is false when a top-level alternative or a multi-line ^ escapes the anchor', () => {
    for (const s of ['abc', '^a|b', '(?s)^(?:a)|b', '(?m)^a', '(?sm)^a', 'a^', '^(a|b)|', '^[[:alpha:]]', '^\\Qa|b\\E']) {
      expect(anchoredAtStart(s), s).toBe(false);
    }
  });
});

const shared = new URL('../../../../shared/', import.meta.url);
const here = existsSync(new URL('corpus/', shared)) && existsSync(new URL('peers/modsec/conf/crs-production.conf', shared));

describe.skipIf(!here)('RegexSetGroup on CRS 4.28 and ../shared/corpus', () => {
  it('answers every value the engine asks about exactly as one RE2.Set of the group does', () => {
    const waf = Waf.fromFileSync(fileURLToPath(new URL('peers/modsec/conf/crs-production.conf', shared)));
    const asked = new Map<RegexSetGroup, Set<string>>();
    const match = RegexSetGroup.prototype.match;
    RegexSetGroup.prototype.match = function (this: RegexSetGroup, v: string, bytes: () => Buffer) {
      (asked.get(this) ?? asked.set(this, new Set()).get(this)!).add(v);
      return match.call(this, v, bytes);
    };
    try {
      for (const file of readdirSync(new URL('corpus/', shared)).filter((f) => f.endsWith('.jsonl'))) {
        readRequests(fileURLToPath(new URL(`corpus/${file}`, shared))).forEach((r, i) => {
          if (i % 4 === 0 && !('error' in r)) runRequest(waf, r);
        });
      }
    } finally {
      RegexSetGroup.prototype.match = match;
    }
    let compared = 0;
    let matched = 0;
    for (const [g, vs] of asked) {
      const fresh = new RegexSetGroup(g.id);
      for (const s of g.sources) fresh.add(re2Pattern(s));
      const plain = new RE2.Set(g.sources);
      for (const v of vs) {
        const want = plain.match(Buffer.from(v, 'utf8'));
        expect(hitsOf(fresh, v), `group ${g.id} on ${JSON.stringify(v.slice(0, 200))}`).toEqual(want);
        compared++;
        if (want.length > 0) matched++;
      }
    }
    console.log(`RegexSetGroup corpus test: ${compared} values compared over ${asked.size} groups, ${matched} with hits`);
    expect(asked.size).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(10_000);
    expect(matched).toBeGreaterThan(1_000);
  });
});
if (!here) console.log('RegexSetGroup corpus test: ../shared is not present; skipped');

describe('RegexSetGroup when RE2.Set fails', () => {
  it('answers from the patterns\' own regexes (RE2::Set gives up when its DFA is out of memory)', () => {
    const group = new RegexSetGroup(1);
    const compiled = ['abc', '\\d{3}', 'x+y'].map((p) => compileRegex(p));
    for (const re of compiled) group.add(re);
    const value = 'zzabc123';
    const expected = hitsOf(group, value);
    expect(expected).toEqual([0, 1]);
    // make every set of the group throw as node-re2 does on kOutOfMemory
    const original = RE2.Set.prototype.match;
    RE2.Set.prototype.match = () => { throw new Error('RE2.Set matching failed: out of memory.'); };
    try {
      const fresh = new RegexSetGroup(2);
      for (const re of compiled) fresh.add(re);
      expect(hitsOf(fresh, value)).toEqual(expected);
    } finally {
      RE2.Set.prototype.match = original;
    }
  });
});

describe('unionHits', () => {
  const hits = (...bits: number[]) => {
    const h = new Uint32Array(2);
    for (const b of bits) h[b >> 5]! |= 1 << (b & 31);
    return h;
  };
  const bitsOf = (h: Uint32Array) => [...Array(64).keys()].filter((i) => hasHit(h, i));

  it('ORs two answers without writing into either', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 63 })), fc.uniqueArray(fc.integer({ min: 0, max: 63 })), (x, y) => {
        const a = x.length ? hits(...x) : NO_HITS;
        const b = y.length ? hits(...y) : NO_HITS;
        const before = [bitsOf(a), bitsOf(b)];
        const u = unionHits(a, b);
        expect(bitsOf(u)).toEqual([...new Set([...x, ...y])].sort((p, q) => p - q));
        expect([bitsOf(a), bitsOf(b)]).toEqual(before);
      }),
    );
  });

  it('shares an operand that already holds the union', () => {
    const a = hits(1, 40);
    expect(unionHits(a, hits(40))).toBe(a);
    expect(unionHits(hits(1), a)).toBe(a);
    expect(unionHits(NO_HITS, a)).toBe(a);
  });
});

describe('RegexSetGroup answers', () => {
  it('gives every value its own answer, one shared array per single hit', () => {
    const group = groupOf(['^a', 'b$', 'c']);
    const first = group.match('ax', utf8('ax'));
    expect(group.match('ay', utf8('ay'))).toBe(first);
    expect([0, 1, 2].filter((i) => hasHit(group.match('acb', utf8('acb')), i))).toEqual([0, 1, 2]);
    expect([0, 1, 2].filter((i) => hasHit(group.match('zb', utf8('zb')), i))).toEqual([1]);
    expect(group.match('zz', utf8('zz'))).toBe(NO_HITS);
  });
});
