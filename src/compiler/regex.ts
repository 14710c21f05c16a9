/**
 * ModSecurity v2 regex semantics on re2 (with a JS RegExp fallback).
 *
 * v2 compiles `@rx` with PCRE `DOTALL | DOLLAR_ENDONLY`, no UTF: matching is byte-wise and `(?i)`
 * folds ASCII letters only. Values here are binary strings (one char per byte). re2 always works
 * in UTF-8 mode, so it is fed `Buffer.from(binaryString, 'utf8')`: byte 0xE9 becomes code point
 * U+00E9, and a pattern's `\x{e9}` means that same code point. The translator below rewrites the
 * few PCRE constructs whose meaning differs (regex-and-toolchain.md §3.4 and §7):
 *  - `\s` includes VT (0x0b) in PCRE, not in re2: classes are rebuilt as explicit byte sets;
 *  - under `(?i)` non-ASCII bytes must not fold (re2 and JS fold Latin-1 letters): byte-set
 *    classes get their ASCII folding applied by hand and are wrapped in `(?-i:...)`, and
 *    non-ASCII literals too;
 *  - `\Z`, `\A`, `\z`, `\h`, `\v`, `\R`, `\N`, `\C` get explicit equivalents;
 *  - possessive quantifiers and atomic groups (CRS 3.3 uses `\s*+`, `[^...]++`) exist in neither
 *    engine: the JS target spells them `(?=(X))\k` (see atomicOpen), with the capture numbering
 *    of the pattern restored afterwards (see resolveGroups).
 * The JS target uses no flags at all: `.`, `^`, `$` and case folding are spelled out, because JS
 * `i` folds Latin-1 and JS `.`/`^`/`$` know other line terminators (\r, U+2028).
 */
import RE2 from 're2';
import { Memo } from '../engine/memo.js';

export interface CompiledRegex {
  /** As written in the rule. */
  readonly source: string;
  /** js = fallback for patterns re2 rejects (lookaround, backrefs, possessive, huge repeat counts). */
  readonly engine: 're2' | 'js';
  /** The translated re2 pattern (engine re2 only), for RE2.Set prefilters. */
  readonly re2Source?: string;
  /** Tests the value; `utf8` is Buffer.from(value, 'utf8'), pass it when you have it (re2 path). */
  test(value: string, utf8?: Buffer): boolean;
  /** Like test, and fills captures[0..9] (binary strings; missing groups as '') when it matches. */
  exec(value: string, captures: string[], utf8?: Buffer): boolean;
  /**
   * The first match that starts at char index `from` or later, with PCRE start-offset semantics
   * (text before `from` still counts for `^`, `\b`). Used by the verify* operators.
   */
  execFrom(value: string, from: number, utf8?: Buffer): RegexMatch | null;
}

export interface RegexMatch {
  /** Char offsets of the whole match in the value. */
  readonly index: number;
  readonly end: number;
  /** Group 0..n as binary strings, undefined for groups that did not participate. */
  readonly groups: readonly (string | undefined)[];
}

export interface RegexOptions {
  /** Case-insensitive from the start, as `(?i)`. */
  caseless?: boolean;
  /** PCRE_MULTILINE (verifyCC/CPF/SSN compile with DOTALL | MULTILINE, not DOLLAR_ENDONLY). */
  multiline?: boolean;
  /** Build the re2 program now instead of on first use. */
  eager?: boolean;
}

/**
 * The JS fallback is a backtracking engine: values longer than this are cut to their first
 * JS_INPUT_CAP chars before matching, so that a pathological pattern stays bounded.
 */
export const JS_INPUT_CAP = 64 * 1024;

/** A construct that the requested engine cannot express (the other engine may). */
class UnsupportedConstruct extends Error {}

type Target = 're2' | 'js';

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  U: boolean;
}

/** An open group: the flags outside it, where it starts in the output, whether it is atomic. */
interface Frame {
  outer: Flags;
  start: number;
  atomic: boolean;
}

/**
 * JS-target placeholders, resolved by resolveGroups once the whole pattern is known: a capture
 * group's id right after its `(`, and a backreference to an id. Raw control chars never occur
 * in the output otherwise (literals are escaped).
 */
const GROUP_MARK = '\u0002';
const REF_MARK = '\u0001';

const HEX = '0123456789abcdef';
const hex2 = (c: number): string => HEX[c >> 4]! + HEX[c & 15]!;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAlnum = (c: number): boolean => isAsciiLetter(c) || (c >= 0x30 && c <= 0x39);
/** How each target spells byte b as an escape, and as a class member (letters and digits as they are). */
const BYTE_ESCAPE = {
  re2: Array.from({ length: 256 }, (_, b) => `\\x{${hex2(b)}}`),
  js: Array.from({ length: 256 }, (_, b) => `\\x${hex2(b)}`),
};
const CLASS_CHAR = {
  re2: BYTE_ESCAPE.re2.map((e, b) => (isAlnum(b) ? String.fromCharCode(b) : e)),
  js: BYTE_ESCAPE.js.map((e, b) => (isAlnum(b) ? String.fromCharCode(b) : e)),
};
/** Whitespace skipped in extended (x) mode, PCRE's list. */
const isExtendedSpace = (c: string): boolean => c === ' ' || (c >= '\t' && c <= '\r');

/** A 256-entry byte membership table. */
type ByteSet = Uint8Array;

function byteSet(...ranges: [number, number][]): ByteSet {
  const set = new Uint8Array(256);
  for (const [lo, hi] of ranges) set.fill(1, lo, hi + 1);
  return set;
}

function complement(set: ByteSet): ByteSet {
  return set.map((v) => 1 - v);
}

function addAll(into: ByteSet, from: ByteSet): void {
  for (let b = 0; b < 256; b++) if (from[b]) into[b] = 1;
}

/** PCRE byte-mode (C locale) character types. */
const SETS = {
  d: byteSet([0x30, 0x39]),
  w: byteSet([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]),
  s: byteSet([0x09, 0x0d], [0x20, 0x20]),
  h: byteSet([0x09, 0x09], [0x20, 0x20], [0xa0, 0xa0]),
  v: byteSet([0x0a, 0x0d], [0x85, 0x85]),
} as const;

const POSIX: Record<string, ByteSet> = {
  alpha: byteSet([0x41, 0x5a], [0x61, 0x7a]),
  digit: SETS.d,
  alnum: byteSet([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]),
  upper: byteSet([0x41, 0x5a]),
  lower: byteSet([0x61, 0x7a]),
  space: SETS.s,
  blank: byteSet([0x09, 0x09], [0x20, 0x20]),
  punct: byteSet([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]),
  print: byteSet([0x20, 0x7e]),
  graph: byteSet([0x21, 0x7e]),
  cntrl: byteSet([0x00, 0x1f], [0x7f, 0x7f]),
  xdigit: byteSet([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]),
  word: SETS.w,
  ascii: byteSet([0x00, 0x7f]),
};

const SHORTHAND = new Map<string, ByteSet>(
  Object.entries(SETS).flatMap(([letter, set]): [string, ByteSet][] => [[letter, set], [letter.toUpperCase(), complement(set)]]),
);

/** The shorthand class of `\d \D \w \W \s \S \h \H \v \V`, or null. */
function shorthandSet(letter: string): ByteSet | null {
  return SHORTHAND.get(letter) ?? null;
}

/**
 * The set a class is gathered in before it is written out (classes do not nest, and writing one
 * out is the next step), so that CRS's thousands of classes allocate no 256-byte buffer each.
 */
const SCRATCH: ByteSet = new Uint8Array(256);

/**
 * Class translations by class text (a shorthand escape under its own text), per target and case
 * folding: a rule set repeats a few classes thousands of times (`[\s\x0b]`). Bounded, since
 * patterns built from macros are translated while requests run.
 */
const SET_TEXTS = {
  re2: [new Memo<string>(), new Memo<string>()],
  js: [new Memo<string>(), new Memo<string>()],
};

/**
 * The text of the class that opens at the match start, as a key to SET_TEXTS. Only a key: a text
 * that parsed as one whole class before parses the same way here, and a miss is parsed anyway.
 */
const CLASS_EXTENT = /\[\^?\]?(?:\[:\^?[a-z]+:\]|[^\\\]]|\\[\s\S])*\]/y;

const SIMPLE_ESCAPES = new Map([['n', 0x0a], ['r', 0x0d], ['t', 0x09], ['f', 0x0c], ['e', 0x1b], ['a', 0x07]]);

/** Adds the other ASCII case of every ASCII letter in the set (PCRE byte-mode folding). */
function foldAscii(set: ByteSet): void {
  for (let b = 0x41; b <= 0x5a; b++) {
    if (set[b] || set[b + 0x20]) set[b] = set[b + 0x20] = 1;
  }
}

/**
 * Runs of literals that the translation writes as they are written: printable ASCII except the
 * metacharacters (and except letters for the JS target under `i`, which spells them `[aA]`, and
 * k and s for re2 under `i`: see literal()), and escaped metacharacters; for re2, alternation bars
 * too (JS looks at what starts a branch). A literal that a quantifier may follow is left out of
 * the run (the quantifier applies to it alone).
 */
const VERBATIM = {
  re2: /(?:(?:[A-Za-z0-9_ !"#%&',\-/:;<=>@`~|]|\\[\\^$.|?*+()[\]{}])(?![*+?{]))+/y,
  re2Caseless: /(?:(?:[A-JL-RT-Za-jl-rt-z0-9_ !"#%&',\-/:;<=>@`~|]|\\[\\^$.|?*+()[\]{}])(?![*+?{]))+/y,
  js: /(?:(?:[A-Za-z0-9_ !"#%&',\-/:;<=>@`~]|\\[\\^$.|?*+()[\]{}])(?![*+?{]))+/y,
  jsCaseless: /(?:(?:[0-9_ !"#%&',\-/:;<=>@`~]|\\[\\^$.|?*+()[\]{}])(?![*+?{]))+/y,
};

class Translator {
  private pos = 0;
  private out = '';
  private flags: Flags;
  private readonly stack: Frame[] = [];
  /** Capture groups of the pattern opened so far. */
  private groupCount = 0;
  /** Capture groups added by the JS target to emulate atomic matching, and the open ones' ids. */
  private syntheticCount = 0;
  private readonly atomicId: string[] = [];
  /** For the JS target: the output group number of each group of the pattern (index 0 = whole match). */
  groups: number[] = [];

  constructor(
    private readonly src: string,
    private readonly target: Target,
    options: RegexOptions,
  ) {
    this.flags = { i: options.caseless === true, m: options.multiline === true, s: true, x: false, U: false };
  }

  run(): string {
    const { src } = this;
    let branchStart: boolean = true;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (this.flags.x && this.skipExtended()) continue;
      const atBranchStart: boolean = branchStart;
      branchStart = false;
      if (c === '|') {
        this.pos++;
        this.out += '|';
        continue;
      }
      if (c === ')') {
        const frame = this.stack.pop();
        if (frame === undefined) throw new SyntaxError(`unmatched ')' at offset ${this.pos}`);
        this.pos++;
        this.flags = frame.outer;
        this.out += frame.atomic ? this.atomicClose : ')';
        this.quantifier(frame.start);
        continue;
      }
      if (c === '(') {
        const flagOnly = this.group();
        if (flagOnly) branchStart = atBranchStart;
        continue;
      }
      if (c === '.' && atBranchStart && this.stack.length === 0 && this.isLeadingDotStar()) {
        // PCRE anchors a leading `.*` under DOTALL implicitly; irregexp would retry it at every
        // offset (quadratic). Harmless for re2, which is linear anyway.
        if (this.target === 'js') this.out += '^';
      }
      const end = this.flags.x ? this.pos : this.verbatimEnd();
      if (end > this.pos) {
        this.out += src.slice(this.pos, end);
        this.pos = end;
        continue;
      }
      const start = this.out.length;
      this.atom();
      this.quantifier(start);
    }
    if (this.stack.length > 0) throw new SyntaxError('missing )');
    if (this.target === 'js') this.resolveGroups();
    return this.out;
  }

  /**
   * The end of the VERBATIM run at `pos`, so that the run (most of a CRS pattern is plain words) is
   * copied at once.
   */
  private verbatimEnd(): number {
    const run = this.target === 're2' ? (this.flags.i ? VERBATIM.re2Caseless : VERBATIM.re2) : this.flags.i ? VERBATIM.jsCaseless : VERBATIM.js;
    run.lastIndex = this.pos;
    return run.test(this.src) ? run.lastIndex : this.pos;
  }

  /** The placeholder that follows the `(` of capture group `id` (JS target only). */
  private groupMark(id: string): string {
    return this.target === 'js' ? `${GROUP_MARK}${id}${GROUP_MARK}` : '';
  }

  /**
   * Opens an atomic section (JS target): a lookahead does not backtrack into itself, so
   * `(?=(X))` fixes what X matches and the backreference then consumes exactly that. The
   * caller emits X, then atomicClose.
   */
  private atomicOpen(): string {
    if (this.target === 're2') throw new UnsupportedConstruct('atomic groups and possessive quantifiers are not supported by re2');
    const id = `s${++this.syntheticCount}`;
    this.atomicId.push(id);
    return `(?:(?=(${this.groupMark(id)}`;
  }

  private get atomicClose(): string {
    return `))${REF_MARK}${this.atomicId.pop()!}${REF_MARK})`;
  }

  /**
   * Numbers the capture groups in output order (added groups shift the pattern's own), rewrites
   * backreference placeholders to those numbers and records where each group of the pattern went.
   */
  private resolveGroups(): void {
    const order: string[] = [];
    const marked = new RegExp(`${GROUP_MARK}([^${GROUP_MARK}]*)${GROUP_MARK}`, 'g');
    const refs = new RegExp(`${REF_MARK}([^${REF_MARK}]*)${REF_MARK}`, 'g');
    this.out = this.out
      .replace(marked, (_, id: string) => {
        order.push(id);
        return '';
      })
      .replace(refs, (_, id: string) => {
        const n = order.indexOf(id) + 1;
        if (n === 0) throw new SyntaxError(`reference to non-existent subpattern ${id}`);
        // Grouped so that a following literal digit is not read as part of the number.
        return `(?:\\${n})`;
      });
    this.groups = [0];
    for (let g = 1; g <= this.groupCount; g++) this.groups.push(order.indexOf(String(g)) + 1);
  }

  private isLeadingDotStar(): boolean {
    const next = this.src[this.pos + 1];
    const after = this.src[this.pos + 2];
    return this.flags.s && next === '*' && after !== '?' && after !== '+';
  }

  /** Skips whitespace and `#` comments in extended mode; true when something was skipped. */
  private skipExtended(): boolean {
    const c = this.src[this.pos]!;
    if (isExtendedSpace(c)) {
      this.pos++;
      return true;
    }
    if (c === '#') {
      const nl = this.src.indexOf('\n', this.pos);
      this.pos = nl < 0 ? this.src.length : nl + 1;
      return true;
    }
    return false;
  }

  /** Parses `(...` up to the group body; returns true for a flag-only group like `(?i)`. */
  private group(): boolean {
    const { src } = this;
    this.pos++; // (
    if (src[this.pos] !== '?') {
      if (src[this.pos] === '*') throw new UnsupportedConstruct('backtracking control verbs (*VERB) are not supported');
      this.open(this.flags);
      this.out += `(${this.groupMark(String(++this.groupCount))}`;
      return false;
    }
    this.pos++; // ?
    const rest = src.slice(this.pos);
    if (rest.startsWith('#')) {
      const close = src.indexOf(')', this.pos);
      if (close < 0) throw new SyntaxError('unterminated (?# comment');
      this.pos = close + 1;
      return true;
    }
    if (rest.startsWith(':')) {
      this.pos++;
      this.open(this.flags);
      this.out += '(?:';
      return false;
    }
    if (rest.startsWith('>')) {
      this.pos++;
      const out = this.atomicOpen();
      this.open(this.flags, true);
      this.out += out;
      return false;
    }
    const look = /^(=|!|<=|<!)/.exec(rest);
    if (look) {
      if (this.target === 're2') throw new UnsupportedConstruct('lookaround assertions are not supported by re2');
      this.pos += look[0].length;
      this.open(this.flags);
      this.out += `(?${look[0]}`;
      return false;
    }
    const named = /^(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/.exec(rest);
    if (named) {
      const name = named[1] ?? named[2]!;
      this.pos += named[0].length;
      this.open(this.flags);
      const mark = this.groupMark(String(++this.groupCount));
      this.out += this.target === 're2' ? `(?P<${name}>` : `(?<${name}>${mark}`;
      return false;
    }
    const namedRef = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
    if (namedRef) {
      this.pos += namedRef[0].length;
      this.backreference({ name: namedRef[1]! });
      return false;
    }
    const flagGroup = /^([imsxUJ]*)(?:-([imsxUJ]*))?([:)])/.exec(rest);
    if (flagGroup) {
      this.pos += flagGroup[0].length;
      const next: Flags = { ...this.flags };
      for (const f of flagGroup[1]!) this.setFlag(next, f, true);
      for (const f of flagGroup[2] ?? '') this.setFlag(next, f, false);
      // i, m, s stay native in re2; x and U are applied by this translator.
      const native = (fs: string): string => [...fs].filter((f) => 'ims'.includes(f)).join('');
      const on = native(flagGroup[1]!);
      const off = native(flagGroup[2] ?? '');
      const re2Flags = on + (off ? `-${off}` : '');
      if (flagGroup[3] === ')') {
        this.flags = next;
        if (this.target === 're2' && re2Flags) this.out += `(?${re2Flags})`;
        return true;
      }
      this.open(next);
      this.out += this.target === 're2' && re2Flags ? `(?${re2Flags}:` : '(?:';
      return false;
    }
    throw new UnsupportedConstruct(`unsupported group construct (?${rest.slice(0, 3)}`);
  }

  private setFlag(flags: Flags, f: string, value: boolean): void {
    if (f === 'J') return; // duplicate names: irrelevant to matching
    flags[f as keyof Flags] = value;
  }

  /** Opens a group with the flags `inner` (shared, not copied: a flag group makes a new set). */
  private open(inner: Flags, atomic = false): void {
    this.stack.push({ outer: this.flags, start: this.out.length, atomic });
    this.flags = inner;
  }

  /** A backreference by name, or by number (renumbered by resolveGroups). */
  private backreference(ref: { name: string } | { num: string }): void {
    if (this.target === 're2') throw new UnsupportedConstruct('backreferences are not supported by re2');
    this.out += 'name' in ref ? `\\k<${ref.name}>` : `${REF_MARK}${Number(ref.num)}${REF_MARK}`;
  }

  /** One atom (not a group): literal, escape, class, `.`, `^`, `$`. */
  private atom(): void {
    const { src } = this;
    const c = src[this.pos]!;
    switch (c) {
      case '[':
        this.emitClass();
        return;
      case '\\':
        this.escape();
        return;
      case '.':
        this.pos++;
        if (this.target === 're2') this.out += '.';
        else this.out += this.flags.s ? '[\\s\\S]' : '[^\\n]';
        return;
      case '^':
        this.pos++;
        if (this.target === 're2') this.out += '^';
        else this.out += this.flags.m ? '(?<![^\\n])' : '^';
        return;
      case '$':
        this.pos++;
        // Not multiline: DOLLAR_ENDONLY, end of subject only (re2 and flagless JS agree).
        if (this.target === 're2') this.out += '$';
        else this.out += this.flags.m ? '(?![^\\n])' : '$';
        return;
      case '*':
      case '+':
      case '?':
        throw new SyntaxError(`nothing to repeat at offset ${this.pos}`);
      case '{':
        if (this.quantifierText(this.pos) !== null) throw new SyntaxError(`nothing to repeat at offset ${this.pos}`);
        this.pos++;
        this.literal(0x7b);
        return;
      default:
        this.pos++;
        this.literalChar(c);
    }
  }

  /** A literal char of the pattern; chars above 0xFF (a non-binary pattern) become their UTF-8 bytes. */
  private literalChar(c: string): void {
    const code = c.charCodeAt(0);
    if (code <= 0xff) {
      this.literal(code);
      return;
    }
    const cp = c.codePointAt(0)!;
    if (cp > 0xffff) this.pos++;
    const bytes = Buffer.from(String.fromCodePoint(cp), 'utf8');
    this.out += '(?:';
    for (const b of bytes) this.literal(b);
    this.out += ')';
  }

  private literal(code: number): void {
    const { target } = this;
    const caseless = this.flags.i;
    if (target === 'js' && caseless && isAsciiLetter(code)) {
      const lower = code | 0x20;
      this.out += `[${String.fromCharCode(lower - 0x20)}${String.fromCharCode(lower)}]`;
      return;
    }
    if (target === 're2' && caseless && (code | 0x20) === 0x6b) {
      // re2 folds Unicode: (?i)k would match KELVIN SIGN and (?i)s LATIN SMALL LETTER LONG S in UTF-8
      // (`ſelect` for `select`); PCRE without UTF folds ASCII only
      this.out += '(?-i:[Kk])';
      return;
    }
    if (target === 're2' && caseless && (code | 0x20) === 0x73) {
      this.out += '(?-i:[Ss])';
      return;
    }
    if (isAlnum(code) || code === 0x5f) {
      this.out += String.fromCharCode(code);
      return;
    }
    if (code >= 0x20 && code < 0x7f) {
      const ch = String.fromCharCode(code);
      this.out += /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
      return;
    }
    if (target === 're2') {
      this.out += code >= 0x80 && caseless ? `(?-i:${BYTE_ESCAPE.re2[code]!})` : BYTE_ESCAPE.re2[code]!;
    } else {
      this.out += BYTE_ESCAPE.js[code]!;
    }
  }

  /** `[...]` at `pos`; the translation of a class text seen before is reused. */
  private emitClass(): void {
    const { src } = this;
    const start = this.pos;
    const known = this.setTexts();
    CLASS_EXTENT.lastIndex = start;
    if (CLASS_EXTENT.test(src)) {
      const text = known.get(src.slice(start, CLASS_EXTENT.lastIndex));
      if (text !== undefined) {
        this.out += text;
        this.pos = CLASS_EXTENT.lastIndex;
        return;
      }
    }
    this.pos++;
    const negated = this.classBody();
    this.out += known.remember(src.slice(start, this.pos), this.setText(SCRATCH, negated));
  }

  /** `\s \S \h \H \v \V` (`escape` is its text) written as a class, remembered like classes. */
  private emitShorthand(escape: string, set: ByteSet): void {
    const known = this.setTexts();
    let text = known.get(escape);
    if (text === undefined) {
      SCRATCH.set(set);
      text = known.remember(escape, this.setText(SCRATCH, false));
    }
    this.out += text;
  }

  private setTexts(): Memo<string> {
    return SET_TEXTS[this.target][this.flags.i ? 1 : 0]!;
  }

  /** A byte set as a class; ASCII folding is applied here so the engine's own folding is not needed. */
  private setText(set: ByteSet, negated: boolean): string {
    if (this.flags.i) foldAscii(set);
    let body = '';
    for (let lo = 0; lo < 256; lo++) {
      if (!set[lo]) continue;
      let hi = lo;
      while (hi + 1 < 256 && set[hi + 1]) hi++;
      body += this.classChar(lo);
      if (hi > lo) body += (hi > lo + 1 ? '-' : '') + this.classChar(hi);
      lo = hi;
    }
    if (body === '') {
      // An empty set matches nothing; its negation matches any char.
      if (negated) return this.target === 're2' ? '(?s:.)' : '[\\s\\S]';
      return this.target === 're2' ? '[^\\x{0}-\\x{10ffff}]' : '(?!)';
    }
    const cls = `[${negated ? '^' : ''}${body}]`;
    return this.target === 're2' && this.flags.i ? `(?-i:${cls})` : cls;
  }

  private classChar(code: number): string {
    return CLASS_CHAR[this.target][code]!;
  }

  /** Parses a class body after `[` into SCRATCH; returns whether the class is negated. */
  private classBody(): boolean {
    const { src } = this;
    const set = SCRATCH.fill(0);
    let negated = false;
    if (src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let first = true;
    for (;;) {
      if (this.pos >= src.length) throw new SyntaxError('missing terminating ] for character class');
      const c = src[this.pos]!;
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const posix = c === '[' && src[this.pos + 1] === ':' ? /^\[:(\^?)([a-z]+):\]/.exec(src.slice(this.pos, this.pos + 12)) : null;
      if (posix) {
        const members = POSIX[posix[2]!];
        if (!members) throw new SyntaxError(`unknown POSIX class name [:${posix[2]!}:]`);
        addAll(set, posix[1] ? complement(members) : members);
        this.pos += posix[0].length;
        continue;
      }
      const lo = this.classItem();
      if (typeof lo !== 'number') {
        addAll(set, lo);
        continue;
      }
      if (src[this.pos] === '-' && src[this.pos + 1] !== ']' && this.pos + 1 < src.length) {
        this.pos++;
        const hi = this.classItem();
        if (typeof hi === 'number') {
          if (hi < lo) throw new SyntaxError('range out of order in character class');
          set.fill(1, lo, hi + 1);
          continue;
        }
        // `[a-\d]`: PCRE takes the hyphen literally.
        set[lo] = 1;
        set[0x2d] = 1;
        addAll(set, hi);
        continue;
      }
      set[lo] = 1;
    }
    return negated;
  }

  /** One class member: a byte, or a byte set for `\d`-style escapes. */
  private classItem(): number | ByteSet {
    const { src } = this;
    const c = src[this.pos]!;
    if (c !== '\\') {
      this.pos++;
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new UnsupportedConstruct('a character above 0xFF inside a class cannot match a byte');
      return code;
    }
    const e = src[this.pos + 1];
    if (e === undefined) throw new SyntaxError('\\ at end of pattern');
    const short = shorthandSet(e);
    if (short) {
      this.pos += 2;
      return short;
    }
    if (e === 'b') {
      this.pos += 2;
      return 0x08;
    }
    const byte = this.byteEscape();
    if (byte !== null) return byte;
    if (isAlnum(e.charCodeAt(0))) throw new UnsupportedConstruct(`unsupported escape \\${e} in a character class`);
    this.pos += 2;
    return e.charCodeAt(0);
  }

  /** Escapes that denote one byte: `\xhh`, `\x{hh}`, octal, `\n`..., `\cX`. Null if not one. */
  private byteEscape(): number | null {
    const { src } = this;
    const e = src[this.pos + 1]!;
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    if (e === 'x') {
      if (src[this.pos + 2] === '{') {
        const close = src.indexOf('}', this.pos + 3);
        const digits = close < 0 ? '' : src.slice(this.pos + 3, close);
        if (!/^[0-9a-fA-F]+$/.test(digits)) throw new SyntaxError('malformed \\x{...} escape');
        const v = parseInt(digits, 16);
        if (v > 0xff) throw new SyntaxError(`\\x{${digits}} is above 0xFF (patterns match bytes)`);
        this.pos = close + 1;
        return v;
      }
      let n = 0;
      let i = this.pos + 2;
      while (n < 2 && isHex(src[i])) {
        i++;
        n++;
      }
      const v = n === 0 ? 0 : parseInt(src.slice(this.pos + 2, i), 16);
      this.pos = i;
      return v;
    }
    if (e === 'o' && src[this.pos + 2] === '{') {
      const close = src.indexOf('}', this.pos + 3);
      const digits = close < 0 ? '' : src.slice(this.pos + 3, close);
      if (!/^[0-7]+$/.test(digits) || parseInt(digits, 8) > 0xff) throw new SyntaxError('malformed \\o{...} escape');
      this.pos = close + 1;
      return parseInt(digits, 8);
    }
    if (e === '0') {
      let i = this.pos + 2;
      while (i < this.pos + 4 && /[0-7]/.test(src[i] ?? '')) i++;
      const v = parseInt(src.slice(this.pos + 1, i), 8);
      this.pos = i;
      return v;
    }
    if (e === 'c') {
      const ch = src[this.pos + 2];
      if (ch === undefined) throw new SyntaxError('\\c at end of pattern');
      this.pos += 3;
      return ch.toUpperCase().charCodeAt(0) ^ 0x40;
    }
    return null;
  }

  private escape(): void {
    const { src } = this;
    const e = src[this.pos + 1];
    if (e === undefined) throw new SyntaxError('\\ at end of pattern');
    const short = shorthandSet(e);
    if (short) {
      this.pos += 2;
      if ('dDwW'.includes(e)) this.out += `\\${e}`; // ASCII-only in every engine here
      else this.emitShorthand(src.slice(this.pos - 2, this.pos), short);
      return;
    }
    const byte = this.byteEscape();
    if (byte !== null) {
      this.literal(byte);
      return;
    }
    this.pos += 2;
    const js = this.target === 'js';
    switch (e) {
      case 'b':
      case 'B':
        this.out += `\\${e}`;
        return;
      case 'A':
        this.out += js ? '^' : '\\A';
        return;
      case 'z':
        this.out += js ? '$' : '\\z';
        return;
      case 'Z':
        this.out += js ? '(?=\\n?$)' : '(?:\\n?\\z)';
        return;
      case 'R':
        this.out += js ? '(?:\\r\\n|[\\n\\x0b\\x0c\\r\\x85])' : '(?:\\r\\n|[\\n\\x{0b}\\x{0c}\\r\\x{85}])';
        return;
      case 'N':
        this.out += '[^\\n]';
        return;
      case 'C':
        this.out += js ? '[\\s\\S]' : '(?s:.)';
        return;
      case 'Q': {
        const end = src.indexOf('\\E', this.pos);
        const text = src.slice(this.pos, end < 0 ? src.length : end);
        this.pos = end < 0 ? src.length : end + 2;
        this.out += '(?:';
        for (const ch of text) this.literalChar(ch);
        this.out += ')';
        return;
      }
      case 'E':
        return;
      case 'p':
      case 'P': {
        if (js) throw new UnsupportedConstruct('\\p{...} properties need re2');
        const m = /^(\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(src.slice(this.pos));
        if (!m) throw new SyntaxError('malformed \\p escape');
        this.pos += m[0].length;
        this.out += `\\${e}${m[0]}`;
        return;
      }
      case 'g':
      case 'k': {
        const m = /^(?:\{(\d+)\}|(\d+)|<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|\{([A-Za-z_]\w*)\})/.exec(src.slice(this.pos));
        if (!m || (e === 'k' && (m[1] ?? m[2]) !== undefined)) throw new UnsupportedConstruct(`unsupported \\${e} reference`);
        this.pos += m[0].length;
        const num = m[1] ?? m[2];
        this.backreference(num !== undefined ? { num } : { name: m[3] ?? m[4] ?? m[5]! });
        return;
      }
      case 'G':
      case 'K':
      case 'X':
        throw new UnsupportedConstruct(`\\${e} is not supported`);
      default:
        if (isDigit(e)) {
          let i = this.pos;
          while (isDigit(src[i])) i++;
          const num = e + src.slice(this.pos, i);
          this.pos = i;
          this.backreference({ num });
          return;
        }
        if (isAlnum(e.charCodeAt(0))) throw new SyntaxError(`unrecognized escape \\${e}`);
        this.literalChar(e);
    }
  }

  /** `{n}`, `{n,}`, `{n,m}` at `at`, or null when the brace is a literal. */
  private quantifierText(at: number): string | null {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(at, at + 24));
    return m ? m[0] : null;
  }

  /**
   * An optional quantifier after the atom that starts at `atomStart` in the output, with PCRE's
   * lazy `?` and possessive `+` suffixes.
   */
  private quantifier(atomStart: number): void {
    const { src } = this;
    if (this.flags.x) while (this.pos < src.length && this.skipExtended());
    const c = src[this.pos];
    let q: string | null = null;
    if (c === '*' || c === '+' || c === '?') q = c;
    else if (c === '{') q = this.quantifierText(this.pos);
    if (q === null) return;
    this.pos += q.length;
    let lazy = false;
    if (src[this.pos] === '?') {
      lazy = true;
      this.pos++;
    } else if (src[this.pos] === '+') {
      // `X*+` is `(?>X*)`.
      this.pos++;
      const open = this.atomicOpen();
      this.out = this.out.slice(0, atomStart) + open + this.out.slice(atomStart) + q + this.atomicClose;
      this.checkNoRepeat();
      return;
    }
    if (this.flags.U) lazy = !lazy;
    this.out += q + (lazy ? '?' : '');
    this.checkNoRepeat();
  }

  private checkNoRepeat(): void {
    const { src } = this;
    const next = src[this.pos];
    if (next === '*' || next === '+' || next === '?' || (next === '{' && this.quantifierText(this.pos) !== null)) {
      throw new SyntaxError(`nothing to repeat at offset ${this.pos}`);
    }
  }
}

/** The re2 form of a v2 pattern (DOTALL, DOLLAR_ENDONLY, byte-wise); throws on constructs re2 lacks. */
export function translateToRe2(source: string, options: RegexOptions = {}): string {
  const prefix = `(?s${options.multiline ? 'm' : ''}${options.caseless ? 'i' : ''})`;
  return flatten(prefix + new Translator(source, 're2', options).run());
}

/**
 * A string built by `+=` is a rope with one node (32 bytes) per piece. V8 copies it into one flat
 * string the first time a char is read; doing that now makes a translation that is kept for the
 * life of the rule set cost its length, not 30 times it.
 */
function flatten(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * The JS RegExp form of a v2 pattern; it needs no flags (see the file comment). `groups[k]` is
 * the JS group number of the pattern's group k (they differ when atomic matching added groups).
 */
export function translateToJs(
  source: string,
  options: RegexOptions = {},
): { source: string; flags: string; groups: readonly number[] } {
  const translator = new Translator(source, 'js', options);
  return { source: translator.run(), flags: '', groups: translator.groups };
}

/** Binary string of a UTF-8 buffer slice produced by re2 on Buffer.from(binary, 'utf8'). */
const decode = (b: Buffer | undefined): string | undefined => (b === undefined ? undefined : b.toString('utf8'));

/** Char index in the binary string of a byte offset in its UTF-8 encoding. */
function charIndex(utf8: Buffer, byteOffset: number): number {
  let continuation = 0;
  for (let i = 0; i < byteOffset; i++) if ((utf8[i]! & 0xc0) === 0x80) continuation++;
  return byteOffset - continuation;
}

/** Byte offset in the UTF-8 encoding of a char index of the binary string. */
function byteIndex(value: string, charOffset: number): number {
  let extra = 0;
  for (let i = 0; i < charOffset; i++) if (value.charCodeAt(i) >= 0x80) extra++;
  return charOffset + extra;
}

function fillCaptures(captures: string[], groups: ArrayLike<string | undefined>): void {
  for (let i = 0; i < 10; i++) captures[i] = (i < groups.length ? groups[i] : undefined) ?? '';
}

/**
 * A pattern for re2. Translation (which rejects what re2 cannot express) happens at load time;
 * building the re2 program is deferred to first use, since most rules of a large rule set are
 * decided by their group's RE2.Set and never need their own program.
 */
class Re2Regex implements CompiledRegex {
  readonly engine = 're2';
  private compiled: RE2 | null = null;
  private global: RE2 | null = null;

  constructor(
    readonly source: string,
    /** the translated pattern, also used to build RE2.Set prefilters */
    readonly re2Source: string,
  ) {}

  private get re(): RE2 {
    return (this.compiled ??= new RE2(this.re2Source));
  }

  test(value: string, utf8?: Buffer): boolean {
    return this.re.test(utf8 ?? value);
  }

  exec(value: string, captures: string[], utf8?: Buffer): boolean {
    const m = this.re.exec(utf8 ?? Buffer.from(value, 'utf8')) as unknown as (Buffer | undefined)[] | null;
    if (m === null) return false;
    fillCaptures(captures, m.map(decode));
    return true;
  }

  execFrom(value: string, from: number, utf8?: Buffer): RegexMatch | null {
    const buf = utf8 ?? Buffer.from(value, 'utf8');
    this.global ??= new RE2(this.re2Source, 'g');
    this.global.lastIndex = byteIndex(value, from);
    const m = this.global.exec(buf) as unknown as ((Buffer | undefined)[] & { index: number }) | null;
    if (m === null) return null;
    const groups = m.map(decode);
    const index = charIndex(buf, m.index);
    return { index, end: index + groups[0]!.length, groups };
  }
}

class JsRegex implements CompiledRegex {
  readonly engine = 'js';
  private readonly global: RegExp;
  /** JS group numbers of the pattern's groups, or null when they are the same. */
  private readonly groupMap: readonly number[] | null;

  constructor(
    readonly source: string,
    private readonly re: RegExp,
    groups: readonly number[],
  ) {
    this.global = new RegExp(re.source, `${re.flags}g`);
    this.groupMap = groups.every((n, k) => n === k) ? null : groups;
  }

  private patternGroups(m: RegExpExecArray): (string | undefined)[] {
    return this.groupMap ? this.groupMap.map((n) => m[n]) : [...m];
  }

  test(value: string): boolean {
    return this.re.test(value.length > JS_INPUT_CAP ? value.slice(0, JS_INPUT_CAP) : value);
  }

  exec(value: string, captures: string[]): boolean {
    const m = this.re.exec(value.length > JS_INPUT_CAP ? value.slice(0, JS_INPUT_CAP) : value);
    if (m === null) return false;
    fillCaptures(captures, this.groupMap ? this.patternGroups(m) : m);
    return true;
  }

  execFrom(value: string, from: number): RegexMatch | null {
    this.global.lastIndex = from;
    const m = this.global.exec(value.length > JS_INPUT_CAP ? value.slice(0, JS_INPUT_CAP) : value);
    if (m === null) return null;
    return { index: m.index, end: m.index + m[0].length, groups: this.patternGroups(m) };
  }
}

/**
 * Compiles a v2 pattern: re2 when it can (linear time), else JS RegExp (check `.engine`; lint
 * warns). Throws an Error naming both engines' complaints when neither accepts the pattern.
 */
export function compileRegex(source: string, options: RegexOptions = {}): CompiledRegex {
  let re2Problem: string;
  try {
    const translated = translateToRe2(source, options);
    // Build the program now only when asked, or when a large counted repeat may exceed re2's
    // limits (1000) and must fall back to JS at load time; otherwise on first use (see Re2Regex).
    if (options.eager || /\{\s*\d{4,}/.test(source)) new RE2(translated);
    return new Re2Regex(source, translated);
  } catch (e) {
    re2Problem = (e as Error).message;
  }
  try {
    const js = translateToJs(source, options);
    return new JsRegex(source, new RegExp(js.source, js.flags), js.groups);
  } catch (e) {
    throw new Error(`cannot compile regex ${JSON.stringify(source)}: re2: ${re2Problem}; js: ${(e as Error).message}`);
  }
}
