/**
 * Required literals of a translated re2 pattern (the output of ../regex.ts), as in RE2's own
 * prefilter and Google codesearch: lists of strings such that every match of the pattern contains
 * a string of each list, or null when nothing can be proven (`.`, `\W{4}`, `^.*$`). A value that
 * lacks every string of one list cannot match, so the pattern need not run on it. Some lists are
 * too common to help (`^[a-z]+$` needs a letter): literalCost estimates how often benign values
 * hold them.
 *
 * Strings are ASCII lower case: the Aho–Corasick scan that looks for them folds ASCII letters, so
 * folding here only makes the filter weaker, never wrong. Chars are code points 0..0xFF, which are
 * the bytes of the binary string that re2 sees as Buffer.from(value, 'utf8'). Latin-1 letters are
 * not folded by that scan: where the pattern is case-insensitive they are kept in both cases.
 * A string may begin with VALUE_START or end with VALUE_END (from `^`, `$`, `\A`, `\z` outside
 * multiline mode): the value must then begin or end with the rest.
 *
 * Per node, either the exact set of strings it can match (when small) or an AND of OR-sets.
 * Concatenation crosses exact sets while they stay small and ANDs the rest; alternation unions
 * (one OR-set per branch); a repeat with minimum 0 proves nothing, unless what it repeats is rare.
 * An exact set may have escapes: rare strings one of which every match outside the set contains
 * (CRS 941210 spells `javascript:` with optional tabs and entities between the letters:
 * `(?:[\t\n\r]|&(?:#...|tab;))*` is empty or holds a tab or `#`, so every match is `javascript:`
 * or holds one of those).
 */

/** Marks a string that the value must begin with. */
export const VALUE_START = '\u0100';
/** Marks a string that the value must end with. */
export const VALUE_END = '\u0101';

/** Largest exact set kept; a bigger one turns into an OR-set. */
const MAX_EXACT = 64;
/** Copies of a repeated exact set crossed for `x{n,}` (every match starts with n of them). */
const MAX_REPEAT_CROSS = 16;
/** OR-sets kept per node (the most selective): each costs the prefilter a little. */
const MAX_CLAUSES = 3;
/** literalCost under which an OR-set is worth keeping besides a more selective one. */
const RARE = 0.5;

/** Strings one of which every match contains, with literalCost of them. */
interface OrSet {
  readonly strings: readonly string[];
  readonly cost: number;
}

interface Info {
  /** Every string the node can match (lower-cased), or null when unknown or too many. */
  readonly exact: ReadonlySet<string> | null;
  /** With exact: every match that is not one of those strings contains one of these (none: no such match). */
  readonly escapes: ReadonlySet<string>;
  /** When exact is null: every match contains a string of each OR-set (none: nothing known). */
  readonly all: readonly OrSet[];
}

const NO_ESCAPES: ReadonlySet<string> = new Set();
const ANY: Info = { exact: null, escapes: NO_ESCAPES, all: [] };
const EMPTY_WIDTH: Info = { exact: new Set(['']), escapes: NO_ESCAPES, all: [] };
const NOTHING: Info = { exact: new Set(), escapes: NO_ESCAPES, all: [] };
const AT_START: Info = { exact: new Set([VALUE_START]), escapes: NO_ESCAPES, all: [] };
const AT_END: Info = { exact: new Set([VALUE_END]), escapes: NO_ESCAPES, all: [] };

/**
 * A node with exact strings and escapes, or null when the escapes cost `escapeLimit` or more
 * (literalCost), or hold nothing. A limit of 0 keeps no escapes (see requiredLiterals).
 */
function withEscapes(exact: ReadonlySet<string>, escapes: ReadonlySet<string>, escapeLimit: number): Info | null {
  if (escapes.size === 0) return { exact, escapes, all: [] };
  const r = orSet(escapes);
  return r !== null && r.cost < escapeLimit ? { exact, escapes, all: [] } : null;
}

/**
 * Rough chance that a given byte of a benign value is this char, for literalCost: the OR-sets
 * that benign values rarely contain are preferred.
 */
const CHANCE = new Float64Array(256).map((_, c) => {
  if (c >= 0x61 && c <= 0x7a) return 0.035;
  if (c >= 0x30 && c <= 0x39) return 0.03;
  if (' /.=&-_;,:%+'.includes(String.fromCharCode(c))) return 0.03;
  if (c > 0x20 && c < 0x7f) return 0.005;
  return 0.002;
});

/** Positions at which a literal may start in a typical value (for literals not tied to an end). */
const TYPICAL_LENGTH = 32;
/** Chance that a value is empty (VALUE_START + VALUE_END). */
const EMPTY_VALUE = 0.1;

/** Estimated chance that a benign value contains one of the strings (a union bound, at most 1). */
export function literalCost(strings: Iterable<string>): number {
  let sum = 0;
  for (const s of strings) {
    let p = s.startsWith(VALUE_START) || s.endsWith(VALUE_END) ? 1 : TYPICAL_LENGTH;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c <= 0xff) p *= CHANCE[c]!;
    }
    if (s === VALUE_START + VALUE_END) p = EMPTY_VALUE;
    sum += p;
  }
  return Math.min(1, sum);
}

/** literalCost of an AND of OR-sets, taking them as independent. */
export function clausesCost(all: readonly (readonly string[])[]): number {
  return all.reduce((p, strings) => p * literalCost(strings), 1);
}

const lowerAscii = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/** The other case of a letter that re2 folds within 0..0xFF (ASCII and Latin-1), or -1. */
function otherCase(c: number): number {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) return c + 0x20;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0xe0 && c <= 0xfe && c !== 0xf7)) return c - 0x20;
  return -1;
}

/**
 * The OR-set of the strings; null when one of them holds for every value ("", or a bare
 * VALUE_START or VALUE_END).
 */
function orSet(strings: Iterable<string>): OrSet | null {
  const unique = [...new Set(strings)];
  if (unique.some((s) => s === '' || s === VALUE_START || s === VALUE_END)) return null;
  return { strings: unique, cost: literalCost(unique) };
}

/** The AND of OR-sets that an exact set (with its escapes) amounts to. */
function clausesOf(exact: ReadonlySet<string>, escapes: ReadonlySet<string> = NO_ESCAPES): OrSet[] {
  const r = orSet(escapes.size === 0 ? exact : [...exact, ...escapes]);
  return r === null ? [] : [r];
}

/**
 * The most selective OR-set, and up to MAX_CLAUSES - 1 more that benign values rarely hold: a
 * common one (`[\w]`) filters little, and its strings would be found in most values.
 */
function strongest(all: OrSet[]): OrSet[] {
  const sorted = all.sort((a, b) => a.cost - b.cost);
  return sorted.slice(0, MAX_CLAUSES).filter((c, i) => i === 0 || c.cost < RARE);
}

/** The text of a string, without its VALUE_START and VALUE_END marks. */
const textOf = (s: string): string => s.slice(s.startsWith(VALUE_START) ? 1 : 0, s.endsWith(VALUE_END) ? -1 : undefined);

/**
 * The concatenation of two strings as a match, or null when no value contains it (text before
 * a VALUE_START or after a VALUE_END). A value start and end with nothing between mean the empty
 * value: VALUE_START + VALUE_END.
 */
function join(a: string, b: string): string | null {
  const aEnds = a.endsWith(VALUE_END);
  const bStarts = b.startsWith(VALUE_START);
  if (!aEnds && !bStarts) return a + b;
  const text = textOf(a) + textOf(b);
  if ((bStarts && textOf(a) !== '') || (aEnds && textOf(b) !== '')) return null;
  return (bStarts || a.startsWith(VALUE_START) ? VALUE_START : '') + text + (aEnds || b.endsWith(VALUE_END) ? VALUE_END : '');
}

function cross(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      const s = join(x, y);
      if (s !== null) out.add(s);
    }
  }
  return out;
}

const matchesNothing = (it: Info): boolean => it.exact !== null && it.exact.size === 0 && it.escapes.size === 0;

/** A match of a concatenation outside the crossed exact sets has a part outside its own: it holds that part's escape. */
function concat(items: readonly Info[]): Info {
  if (items.some(matchesNothing)) return NOTHING;
  let run: ReadonlySet<string> = EMPTY_WIDTH.exact!;
  let escapes = new Set<string>();
  let exact = true;
  const all: OrSet[] = [];
  for (const it of items) {
    if (it.exact !== null && run.size * it.exact.size <= MAX_EXACT) {
      run = cross(run, it.exact);
      for (const e of it.escapes) escapes.add(e);
      if (run.size === 0 && escapes.size === 0) return NOTHING;
      continue;
    }
    exact = false;
    all.push(...clausesOf(run, escapes));
    escapes = new Set(it.escapes);
    if (it.exact !== null) {
      run = it.exact;
    } else {
      all.push(...it.all);
      run = EMPTY_WIDTH.exact!;
    }
  }
  if (exact) return { exact: run, escapes, all: [] };
  all.push(...clausesOf(run, escapes));
  return { exact: null, escapes: NO_ESCAPES, all: strongest(all) };
}

function alternate(branches: readonly Info[], escapeLimit: number): Info {
  // The exact strings of the branches that have them; each match of another branch contains a
  // string of that branch's best OR-set: an escape.
  const exact = new Set<string>();
  const escapes = new Set<string>();
  let allExact = true;
  for (const b of branches) {
    if (b.exact !== null) {
      for (const s of b.exact) exact.add(s);
      for (const s of b.escapes) escapes.add(s);
      continue;
    }
    allExact = false;
    const best = b.all.reduce<OrSet | null>((x, c) => (x === null || c.cost < x.cost ? c : x), null);
    if (best === null) return ANY;
    for (const s of best.strings) escapes.add(s);
  }
  if (exact.size <= MAX_EXACT) {
    const kept = allExact ? { exact, escapes, all: [] } : exact.size > 0 ? withEscapes(exact, escapes, escapeLimit) : null;
    if (kept !== null) return kept;
  }
  return { exact: null, escapes: NO_ESCAPES, all: clausesOf(exact, escapes) };
}

/** The union of x^k for min <= k <= max, or null when it would exceed MAX_EXACT strings. */
function powers(x: ReadonlySet<string>, min: number, max: number): Set<string> | null {
  const union = new Set<string>();
  let power: ReadonlySet<string> = EMPTY_WIDTH.exact!;
  for (let k = 0; k <= max && power.size > 0; k++) {
    if (k >= min) for (const s of power) union.add(s);
    if (union.size > MAX_EXACT) return null;
    if (k === max) break;
    if (power.size * x.size > MAX_EXACT) return null;
    power = cross(power, x);
  }
  return union;
}

function repeat(x: Info, min: number, max: number, escapeLimit: number): Info {
  if (x.exact !== null && max !== Infinity) {
    const exact = powers(x.exact, min, max);
    if (exact !== null) return { exact, escapes: x.escapes, all: [] };
  }
  if (min === 0) {
    // empty, or holds a match of x: exact `''` while x's strings are rare
    if (x.exact === null) return ANY;
    return withEscapes(EMPTY_WIDTH.exact!, new Set([...x.exact, ...x.escapes]), escapeLimit) ?? ANY;
  }
  if (x.exact === null) return x;
  // Every match starts with `min` matches of x.
  const prefix = concat(Array.from({ length: Math.min(min, MAX_REPEAT_CROSS) }, () => x));
  return prefix.exact !== null ? { exact: null, escapes: NO_ESCAPES, all: clausesOf(prefix.exact, prefix.escapes) } : prefix;
}

/** Drops the strings that contain another member: a value containing them contains that one too. */
function minimal(strings: readonly string[]): string[] {
  const sorted = [...strings].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept = new Set<string>();
  for (const s of sorted) {
    let covered = false;
    if ((s.length * (s.length + 1)) / 2 < kept.size) {
      for (let i = 0; i < s.length && !covered; i++) for (let j = i + 1; j <= s.length && !covered; j++) covered = kept.has(s.slice(i, j));
    } else {
      for (const k of kept) if (s.includes(k)) covered = true;
    }
    if (!covered) kept.add(s);
  }
  return [...kept];
}

/** A set of chars (0..0xFF) as a node: its exact single-char strings, lower-cased, when few enough. */
function charsInfo(set: Uint8Array): Info {
  let count = 0;
  for (let c = 0; c < 256; c++) count += set[c]!;
  if (count > 2 * MAX_EXACT) return ANY; // lower-casing can at most halve it
  const exact = new Set<string>();
  for (let c = 0; c < 256; c++) if (set[c]) exact.add(String.fromCharCode(lowerAscii(c)));
  return exact.size <= MAX_EXACT ? { exact, escapes: NO_ESCAPES, all: [] } : ANY;
}

/** The set with re2's case folding applied (within 0..0xFF). */
function folded(set: Uint8Array): Uint8Array {
  const out = new Uint8Array(set);
  for (let c = 0; c < 256; c++) {
    const o = otherCase(c);
    if (set[c] && o >= 0) out[o] = 1;
  }
  return out;
}

/** The node of each literal char, as written and under (?i). */
const CHAR = Array.from({ length: 256 }, (_, c): Info => ({ exact: new Set([String.fromCharCode(lowerAscii(c))]), escapes: NO_ESCAPES, all: [] }));
const FOLDED_CHAR = Array.from({ length: 256 }, (_, c): Info => {
  const o = otherCase(c);
  return o < 0 || c < 0x80 ? CHAR[c]! : { exact: new Set([String.fromCharCode(c), String.fromCharCode(o)]), escapes: NO_ESCAPES, all: [] };
});

function range(lo: number, hi: number): Uint8Array {
  const set = new Uint8Array(256);
  if (lo <= 0xff) set.fill(1, lo, Math.min(hi, 0xff) + 1);
  return set;
}

function union(...sets: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(256);
  for (const s of sets) for (let c = 0; c < 256; c++) out[c]! |= s[c]!;
  return out;
}

const complement = (set: Uint8Array): Uint8Array => set.map((v) => 1 - v);

/** re2's Perl classes (ASCII only; \s without VT). */
const PERL: Record<string, Uint8Array> = {
  d: range(0x30, 0x39),
  w: union(range(0x30, 0x39), range(0x41, 0x5a), range(0x61, 0x7a), range(0x5f, 0x5f)),
  s: union(range(0x09, 0x0a), range(0x0c, 0x0d), range(0x20, 0x20)),
};

const SIMPLE_ESCAPES: Record<string, number> = { a: 0x07, f: 0x0c, t: 0x09, n: 0x0a, r: 0x0d, v: 0x0b };

/** A construct this parser does not know: the pattern gets no literals (it always runs). */
class Unknown extends Error {}

/** Recursive descent over re2 syntax, computing each node's Info on the way up. */
class Parser {
  private pos = 0;
  private caseless = false;
  private multiline = false;

  constructor(
    private readonly src: string,
    private readonly escapeLimit: number,
  ) {}

  pattern(): Info {
    const info = this.alternation();
    if (this.pos < this.src.length) throw new Unknown(`unexpected ) at ${this.pos}`);
    return info;
  }

  /** Branches up to an unmatched `)` or the end; flags set inside end with it. */
  private alternation(): Info {
    const { caseless, multiline } = this;
    const branches = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    this.caseless = caseless;
    this.multiline = multiline;
    return branches.length === 1 ? branches[0]! : alternate(branches, this.escapeLimit);
  }

  private sequence(): Info {
    const items: Info[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.atom();
      if (atom !== null) items.push(this.quantified(atom));
    }
    return items.length === 1 ? items[0]! : concat(items);
  }

  /** One atom; null for a flag-only group such as `(?i)`. */
  private atom(): Info | null {
    const { src } = this;
    const c = src[this.pos]!;
    this.pos++;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return charsInfo(this.classBody());
      case '\\':
        return this.escape();
      case '.':
        return ANY;
      case '^':
        return this.multiline ? EMPTY_WIDTH : AT_START;
      case '$':
        return this.multiline ? EMPTY_WIDTH : AT_END;
      case '*':
      case '+':
      case '?':
        throw new Unknown(`nothing to repeat at ${this.pos - 1}`);
      default:
        return this.literal(c.charCodeAt(0));
    }
  }

  private literal(code: number): Info {
    if (code > 0xff) return NOTHING;
    return (this.caseless ? FOLDED_CHAR : CHAR)[code]!;
  }

  private group(): Info | null {
    const { src } = this;
    if (src[this.pos] === '?') {
      const m = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|([imsU]*)(?:-([imsU]*))?([:)]))/.exec(src.slice(this.pos, this.pos + 40));
      if (!m) throw new Unknown(`group construct at ${this.pos}`);
      this.pos += m[0].length;
      if (m[3] !== undefined) {
        const { caseless, multiline } = this;
        const on = m[1]!;
        const off = m[2] ?? '';
        if (on.includes('i') || off.includes('i')) this.caseless = on.includes('i');
        if (on.includes('m') || off.includes('m')) this.multiline = on.includes('m');
        if (m[3] === ')') return null;
        const info = this.alternation();
        this.caseless = caseless;
        this.multiline = multiline;
        this.close();
        return info;
      }
    }
    const info = this.alternation();
    this.close();
    return info;
  }

  private close(): void {
    if (this.src[this.pos] !== ')') throw new Unknown('missing )');
    this.pos++;
  }

  /** After `\` outside a class. */
  private escape(): Info {
    const e = this.src[this.pos];
    if (e === undefined) throw new Unknown('\\ at end');
    if ('bBAz'.includes(e)) {
      this.pos++;
      return e === 'A' ? AT_START : e === 'z' ? AT_END : EMPTY_WIDTH;
    }
    const chars = this.escapedChars();
    const set = typeof chars === 'number' ? range(chars, chars) : chars;
    return charsInfo(this.caseless ? folded(set) : set);
  }

  /** After `\`, in or out of a class: one code point, or the chars of a Perl class such as `\d`. */
  private escapedChars(): number | Uint8Array {
    const { src } = this;
    const e = src[this.pos]!;
    this.pos++;
    const perl = PERL[e.toLowerCase()];
    if (perl !== undefined) return e === e.toLowerCase() ? perl : complement(perl);
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e]!;
    if (e === 'x') {
      const m = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(src.slice(this.pos, this.pos + 10));
      if (!m) throw new Unknown('malformed \\x');
      this.pos += m[0].length;
      return parseInt(m[1] ?? m[2]!, 16);
    }
    if (/[0-9A-Za-z]/.test(e)) throw new Unknown(`escape \\${e}`);
    return e.charCodeAt(0);
  }

  /** After `[`: the chars of the class, with re2's folding and negation applied. */
  private classBody(): Uint8Array {
    const { src } = this;
    let negated = false;
    if (src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let set: Uint8Array = new Uint8Array(256);
    for (let first = true; ; first = false) {
      const c = src[this.pos];
      if (c === undefined) throw new Unknown('missing ]');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      if (c === '[') throw new Unknown('[ in a class');
      const lo = this.classItem();
      if (typeof lo !== 'number') {
        for (let b = 0; b < 256; b++) set[b]! |= lo[b]!;
        continue;
      }
      if (src[this.pos] === '-' && src[this.pos + 1] !== ']') {
        this.pos++;
        const hi = this.classItem();
        if (typeof hi !== 'number') throw new Unknown('range to a class');
        if (lo <= 0xff) set.fill(1, lo, Math.min(hi, 0xff) + 1);
        continue;
      }
      if (lo <= 0xff) set[lo] = 1;
    }
    if (this.caseless) set = folded(set);
    return negated ? complement(set) : set;
  }

  /** A char, or the chars of an escape such as `\d`. */
  private classItem(): number | Uint8Array {
    const c = this.src.codePointAt(this.pos)!;
    if (c !== 0x5c) {
      this.pos += c > 0xffff ? 2 : 1;
      return c;
    }
    this.pos++;
    return this.escapedChars();
  }

  /** An optional quantifier (greedy or lazy) applied to the atom's Info. */
  private quantified(atom: Info): Info {
    const { src } = this;
    const c = src[this.pos];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else {
      const m = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.pos, this.pos + 24)) : null;
      if (!m) return atom;
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    }
    if (src[this.pos] === '?') this.pos++;
    return repeat(atom, min, max, this.escapeLimit);
  }
}

/**
 * The required literals of a translated re2 pattern: OR-sets of ASCII lower-case strings (see
 * the file comment), every match containing a string of each; null when none can be proven (or
 * the pattern uses syntax this parser does not know). An empty OR-set means that the pattern
 * cannot match any value made of bytes.
 */
export function requiredLiterals(re2Source: string): string[][] | null {
  // Both readings are proofs; escapes can cost a prefix's own clause (`schema(?:_name|\W*\()`
  // gives `schema_name` or `(`, where `schema` alone is rarer), so the strongest of both are kept.
  // The reading with escapes is for patterns the plain one leaves common: more literals in the
  // shared scan cost every value a little.
  const all: OrSet[] = [];
  for (const escapeLimit of [0, RARE]) {
    if (escapeLimit > 0 && all.reduce((p, c) => p * c.cost, 1) < RARE) break;
    let info: Info;
    try {
      info = new Parser(re2Source, escapeLimit).pattern();
    } catch (e) {
      if (e instanceof Unknown) return null;
      throw e;
    }
    for (const c of info.exact !== null ? clausesOf(info.exact, info.escapes) : info.all) {
      const strings = minimal(c.strings).sort();
      if (!all.some((k) => k.strings.length === strings.length && k.strings.every((x, i) => x === strings[i]))) all.push({ strings, cost: c.cost });
    }
  }
  return all.length === 0 ? null : strongest(all).map((c) => [...c.strings]);
}
