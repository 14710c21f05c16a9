/**
 * SQL tokenizer, folder and fingerprint check: a TypeScript port of libinjection's
 * libinjection_sqli.c that gives the same answer as the C library for every byte string.
 * Input is a binary string (one char per byte, 0x00-0xFF).
 *
 * Porting notes (C behaviour kept on purpose):
 *  - `char` is signed, so bytes >= 0x80 compare below ' ' where the C code tests `ch < 33`/`ch <= 32`.
 *  - strlenspn() uses strchr(), which also "finds" the NUL terminator: NUL counts as an accepted
 *    digit/letter there, and always stops strlencspn().
 *  - Token values are truncated to 31 bytes, and `len` is the truncated length.
 *  - Printing and strchr/strcmp on a value stop at its first NUL (see cstr()).
 *
 * Speed (this runs on every request value): a token's value is a range of a string (almost always
 * the input itself), not a copied substring; keyword, phrase and fingerprint lookups read it in
 * place, so tokenizing and folding allocate nothing but the rare merged phrase ("UNION ALL").
 */
import { byteClass } from '../../transformations/bytes.js';
import { CaselessTable, HASH_START, hashByte } from './ascii.js';
import { CHAR_CLASSES, CHARMAP, FINGERPRINTS, KEYWORDS } from './data.js';

export const FLAG_NONE = 0;
export const FLAG_QUOTE_NONE = 1;
export const FLAG_QUOTE_SINGLE = 2;
export const FLAG_QUOTE_DOUBLE = 4;
export const FLAG_SQL_ANSI = 8;
export const FLAG_SQL_MYSQL = 16;

/** Token types are the char codes of their fingerprint letters. */
const TYPE_NONE = 0;
const TYPE_KEYWORD = 0x6b; // k
const TYPE_UNION = 0x55; // U
const TYPE_GROUP = 0x42; // B
const TYPE_EXPRESSION = 0x45; // E
const TYPE_SQLTYPE = 0x74; // t
const TYPE_FUNCTION = 0x66; // f
const TYPE_BAREWORD = 0x6e; // n
const TYPE_NUMBER = 0x31; // 1
const TYPE_VARIABLE = 0x76; // v
const TYPE_STRING = 0x73; // s
const TYPE_OPERATOR = 0x6f; // o
const TYPE_LOGIC_OPERATOR = 0x26; // &
const TYPE_COMMENT = 0x63; // c
const TYPE_COLLATE = 0x41; // A
const TYPE_LEFTPARENS = 0x28; // (
const TYPE_RIGHTPARENS = 0x29; // )
const TYPE_LEFTBRACE = 0x7b; // {
const TYPE_RIGHTBRACE = 0x7d; // }
const TYPE_DOT = 0x2e; // .
const TYPE_COMMA = 0x2c; // ,
const TYPE_COLON = 0x3a; // :
const TYPE_SEMICOLON = 0x3b; // ;
const TYPE_TSQL = 0x54; // T
const TYPE_UNKNOWN = 0x3f; // ?
const TYPE_EVIL = 0x58; // X
const TYPE_BACKSLASH = 0x5c; // \

const CHAR_SINGLE = 0x27;
const CHAR_DOUBLE = 0x22;
const CHAR_TICK = 0x60;

/** sizeof(stoken_t.val): values keep at most TOKEN_SIZE - 1 bytes. */
const TOKEN_SIZE = 32;
const MAX_TOKENS = 5;

export class Token {
  type = TYPE_NONE;
  pos = 0;
  /** Length of the (truncated) value. */
  len = 0;
  /** The value is src[off, off + len): a range of the input, or of a merged phrase. */
  src = '';
  off = 0;
  strOpen = 0;
  strClose = 0;
  /** Number of '@' before a variable. */
  count = 0;
  /**
   * Whether the value starts some keyword phrase (see PHRASE_HEADS): 1 yes, 0 no, -1 not known yet.
   * Folding keeps re-trying the same token as the first of a pair, so the answer is kept.
   */
  phraseHead = -1;

  /** The value as a string (for printing; the parser reads it in place). */
  get val(): string {
    return this.src.substr(this.off, this.len);
  }

  /** Byte `i` of the value, or 0 past its end (the NUL padding of the C buffer). */
  byte(i: number): number {
    return i < this.len ? this.src.charCodeAt(this.off + i) : 0;
  }

  clear(): void {
    this.type = TYPE_NONE;
    this.pos = 0;
    this.len = 0;
    this.src = '';
    this.off = 0;
    this.strOpen = 0;
    this.strClose = 0;
    this.count = 0;
    this.phraseHead = -1;
  }

  copyFrom(o: Token): void {
    this.type = o.type;
    this.pos = o.pos;
    this.len = o.len;
    this.src = o.src;
    this.off = o.off;
    this.strOpen = o.strOpen;
    this.strClose = o.strClose;
    this.count = o.count;
    this.phraseHead = o.phraseHead;
  }
}

/** A byte-membership table for the strspn-like helpers; NUL is always a member (strchr finds the terminator). */
function byteSet(chars: string): Uint8Array {
  const t = new Uint8Array(256);
  t[0] = 1;
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const SET_BIN = byteSet('01');
const SET_HEX = byteSet('0123456789ABCDEFabcdef');
const SET_MONEY = byteSet('0123456789.,');
const SET_LETTERS = byteSet('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const SET_WORD_END = byteSet(' []{}<>:\\?=@!#~+-*/&|^%(),\';\t\n\v\f\r"\xa0');
/** The same bytes for a native search: past TOKEN_SIZE chars only a word's end matters. */
const WORD_END = byteClass((b) => SET_WORD_END[b] === 1, false, 'g')!;
const SET_VAR_END = byteSet(' <>:\\?=@!#~+-*/&|^%(),\';\t\n\v\f\r\'`"');
const SET_WHITE = byteSet(' \t\n\v\f\r\xa0');

/** Length of the run of bytes from `pos` (up to `end`) that are in `set`. */
function spn(s: string, pos: number, end: number, set: Uint8Array): number {
  let i = pos;
  while (i < end && set[s.charCodeAt(i)] === 1) i++;
  return i - pos;
}

/** Length of the run of bytes from `pos` (up to `end`) that are NOT in `set`. */
function cspn(s: string, pos: number, end: number, set: Uint8Array): number {
  let i = pos;
  while (i < end && set[s.charCodeAt(i)] !== 1) i++;
  return i - pos;
}

/** Byte at `i`, or 0 past the end (what the C code reads from a NUL-terminated buffer). */
function byteAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

/** The value as C sees it with %s / strcmp / strchr: up to the first NUL. */
export function cstr(v: string): string {
  const i = v.indexOf('\0');
  return i < 0 ? v : v.slice(0, i);
}

/** The keyword table, read in place (no substring, no upper-cased copy). */
const KEYWORD_TABLE = new CaselessTable(KEYWORDS);

/**
 * Type codes of the two-byte keywords ("<=", "||", "or", ...) indexed by (byte0 << 8 | byte1), every
 * letter case filled in: parseOperator2 runs on each '=', '&', '<'..., and this is one array read.
 */
const TWO_BYTE_KEYWORDS = new Uint8Array(0x10000);
for (const [key, code] of KEYWORDS) {
  if (key.length !== 2) continue;
  for (const b0 of new Set([key.charCodeAt(0), key.toLowerCase().charCodeAt(0)])) {
    for (const b1 of new Set([key.charCodeAt(1), key.toLowerCase().charCodeAt(1)])) {
      TWO_BYTE_KEYWORDS[(b0 << 8) | b1] = code.charCodeAt(0);
    }
  }
}

/** The keyword type code of a token's value, or TYPE_NONE. */
function lookupToken(t: Token): number {
  return KEYWORD_TABLE.get(t.src, t.off, t.len);
}

/**
 * Every text that a keyword phrase continues with " ...": most word pairs are not the start of a
 * phrase, and this one-word lookup rejects them without hashing the pair.
 */
const PHRASE_HEADS = new CaselessTable(
  [...KEYWORDS.keys()].flatMap((key) => {
    const heads: [string, number][] = [];
    for (let i = key.indexOf(' '); i > 0; i = key.indexOf(' ', i + 1)) heads.push([key.slice(0, i), 1]);
    return heads;
  }),
);

/** Keyword type code of the phrase `a + ' ' + b`, or TYPE_NONE. */
function lookupPhrase(a: Token, b: Token): number {
  if (a.phraseHead < 0) a.phraseHead = PHRASE_HEADS.get(a.src, a.off, a.len);
  if (a.phraseHead === 0) return TYPE_NONE;
  return KEYWORD_TABLE.getPhrase(a.src, a.off, a.len, b.src, b.off, b.len);
}

/** cstrcasecmp(upper, val, len) == 0: the value equals the upper-case constant, ASCII case-insensitively. */
function valIs(t: Token, upper: string): boolean {
  return t.len === upper.length && startsWithUpper(t, upper);
}

/** The value's first bytes equal the upper-case constant, ASCII case-insensitively. */
function startsWithUpper(t: Token, upper: string): boolean {
  if (t.len < upper.length) return false;
  for (let i = 0; i < upper.length; i++) {
    const c = t.src.charCodeAt(t.off + i);
    if ((c >= 0x61 && c <= 0x7a ? c - 0x20 : c) !== upper.charCodeAt(i)) return false;
  }
  return true;
}

/** Sets the token to src[start, start + len), truncated to the C buffer size. */
function assign(st: Token, type: number, pos: number, len: number, src: string, start: number): void {
  st.type = type;
  st.pos = pos;
  st.len = len < TOKEN_SIZE ? len : TOKEN_SIZE - 1;
  st.src = src;
  st.off = start;
  st.phraseHead = -1;
}

/** A one-byte token: the byte at `pos` of the input. */
function assignChar(sf: SqliState, type: number, pos: number): void {
  assign(sf.current, type, pos, 1, sf.s, pos);
}

function isArithmeticOp(st: Token): boolean {
  if (st.type !== TYPE_OPERATOR || st.len !== 1) return false;
  const ch = st.byte(0);
  return ch === 0x2a || ch === 0x2f || ch === 0x2d || ch === 0x2b || ch === 0x25;
}

function isUnaryOp(st: Token): boolean {
  if (st.type !== TYPE_OPERATOR) return false;
  switch (st.len) {
    case 1: {
      const c = st.byte(0);
      return c === 0x2b || c === 0x2d || c === 0x21 || c === 0x7e;
    }
    case 2:
      return st.byte(0) === 0x21 && st.byte(1) === 0x21; // !!
    case 3:
      return valIs(st, 'NOT');
    default:
      return false;
  }
}

/** Parsing state (struct libinjection_sqli_state). */
export class SqliState {
  s = '';
  slen = 0;
  flags = 0;
  pos = 0;
  readonly tokenvec: Token[] = Array.from({ length: 8 }, () => new Token());
  current: Token;
  /** The last fingerprint: the types of tokenvec[0, fingerprintLen). */
  fingerprintLen = 0;
  /** Folding scratch: the last comment seen, and whether the tokenizer has more. */
  readonly lastComment = new Token();
  more = true;
  statsCommentDdx = 0;
  statsCommentHash = 0;
  statsFolds = 0;
  statsTokens = 0;

  constructor() {
    this.current = this.tokenvec[0]!;
  }

  /** The last fingerprint as a string ('' before any). */
  get fingerprint(): string {
    let fp = '';
    for (let i = 0; i < this.fingerprintLen; i++) fp += String.fromCharCode(this.tokenvec[i]!.type);
    return fp;
  }

  init(s: string, flags: number): void {
    this.s = s;
    this.slen = s.length;
    this.flags = flags === 0 ? FLAG_QUOTE_NONE | FLAG_SQL_ANSI : flags;
    this.pos = 0;
    for (const t of this.tokenvec) t.clear();
    this.current = this.tokenvec[0]!;
    this.fingerprintLen = 0;
    this.statsCommentDdx = 0;
    this.statsCommentHash = 0;
    this.statsFolds = 0;
    this.statsTokens = 0;
  }
}

type Parser = (sf: SqliState) => number;

function parseWhite(sf: SqliState): number {
  return sf.pos + 1;
}

function parseOperator1(sf: SqliState): number {
  const pos = sf.pos;
  assignChar(sf, TYPE_OPERATOR, pos);
  return pos + 1;
}

function parseOther(sf: SqliState): number {
  const pos = sf.pos;
  assignChar(sf, TYPE_UNKNOWN, pos);
  return pos + 1;
}

function parseChar(sf: SqliState): number {
  const pos = sf.pos;
  const ch = sf.s.charCodeAt(pos);
  assignChar(sf, ch, pos);
  return pos + 1;
}

function parseEolComment(sf: SqliState): number {
  const { s, slen, pos } = sf;
  const end = s.indexOf('\n', pos);
  if (end < 0) {
    assign(sf.current, TYPE_COMMENT, pos, slen - pos, s, pos);
    return slen;
  }
  assign(sf.current, TYPE_COMMENT, pos, end - pos, s, pos);
  return end + 1;
}

/** '#' is an operator in ANSI mode and an end-of-line comment in MySQL mode. */
function parseHash(sf: SqliState): number {
  sf.statsCommentHash += 1;
  if (sf.flags & FLAG_SQL_MYSQL) {
    sf.statsCommentHash += 1;
    return parseEolComment(sf);
  }
  assignChar(sf, TYPE_OPERATOR, sf.pos);
  return sf.pos + 1;
}

function parseDash(sf: SqliState): number {
  const { s, slen, pos } = sf;
  const next = byteAt(s, pos + 1);
  if (pos + 2 < slen && next === 0x2d && SET_WHITE[s.charCodeAt(pos + 2)] === 1) {
    return parseEolComment(sf);
  } else if (pos + 2 === slen && next === 0x2d) {
    return parseEolComment(sf);
  } else if (pos + 1 < slen && next === 0x2d && sf.flags & FLAG_SQL_ANSI) {
    sf.statsCommentDdx += 1;
    return parseEolComment(sf);
  }
  assignChar(sf, TYPE_OPERATOR, pos);
  return pos + 1;
}

function parseSlash(sf: SqliState): number {
  const { s, slen, pos } = sf;
  if (pos + 1 === slen || s.charCodeAt(pos + 1) !== 0x2a) return parseOperator1(sf);
  const end = s.indexOf('*/', pos + 2);
  const clen = end < 0 ? slen - pos : end + 2 - pos;
  let ctype = TYPE_COMMENT;
  // A nested "/*" (PostgreSQL) or a MySQL "/*!" conditional comment cannot be parsed reliably.
  if (end >= 0) {
    // bounded to the comment, as memchr2() is, so many comments stay linear
    for (let i = pos + 2; i < end; i++) {
      if (s.charCodeAt(i) === 0x2f && s.charCodeAt(i + 1) === 0x2a) {
        ctype = TYPE_EVIL;
        break;
      }
    }
  }
  if (ctype !== TYPE_EVIL && pos + 2 < slen && s.charCodeAt(pos + 2) === 0x21) ctype = TYPE_EVIL;
  assign(sf.current, ctype, pos, clen, s, pos);
  return pos + clen;
}

function parseBackslash(sf: SqliState): number {
  const { s, slen, pos } = sf;
  // MySQL alias for NULL: "\N" (capital N only)
  if (pos + 1 < slen && s.charCodeAt(pos + 1) === 0x4e) {
    assign(sf.current, TYPE_NUMBER, pos, 2, s, pos);
    return pos + 2;
  }
  assignChar(sf, TYPE_BACKSLASH, pos);
  return pos + 1;
}

function parseOperator2(sf: SqliState): number {
  const { s, slen, pos } = sf;
  if (pos + 1 >= slen) return parseOperator1(sf);
  if (pos + 2 < slen && s.charCodeAt(pos) === 0x3c && s.charCodeAt(pos + 1) === 0x3d && s.charCodeAt(pos + 2) === 0x3e) {
    assign(sf.current, TYPE_OPERATOR, pos, 3, s, pos);
    return pos + 3;
  }
  const ch = TWO_BYTE_KEYWORDS[(s.charCodeAt(pos) << 8) | s.charCodeAt(pos + 1)]!;
  if (ch !== TYPE_NONE) {
    assign(sf.current, ch, pos, 2, s, pos);
    return pos + 2;
  }
  if (s.charCodeAt(pos) === 0x3a) {
    assign(sf.current, TYPE_COLON, pos, 1, s, pos);
    return pos + 1;
  }
  return parseOperator1(sf);
}

/** An odd number of backslashes ending at `end` (not before `start`) escapes the next char. */
function isBackslashEscaped(s: string, end: number, start: number): boolean {
  let p = end;
  while (p >= start && s.charCodeAt(p) === 0x5c) p--;
  return ((end - p) & 1) === 1;
}

function parseStringCore(s: string, len: number, pos: number, st: Token, delim: number, offset: number): number {
  const d = String.fromCharCode(delim);
  const start = pos + offset;
  let q = s.indexOf(d, start);
  // offset 0 means a simulated opening quote (the FLAG_QUOTE_* passes)
  st.strOpen = offset > 0 ? delim : 0;
  for (;;) {
    if (q < 0) {
      assign(st, TYPE_STRING, start, len - start, s, start);
      st.strClose = 0;
      return len;
    } else if (isBackslashEscaped(s, q - 1, start)) {
      q = s.indexOf(d, q + 1);
    } else if (q + 1 < len && s.charCodeAt(q + 1) === delim) {
      // A doubled quote is escaped. In a run of quotes, every pair is: with an even count the
      // string goes on after the run; with an odd one, its last quote (after a quote, so not
      // backslash-escaped) closes it.
      let end = q + 2;
      while (end < len && s.charCodeAt(end) === delim) end++;
      if ((end - q) % 2 === 0) {
        q = s.indexOf(d, end);
      } else {
        assign(st, TYPE_STRING, start, end - 1 - start, s, start);
        st.strClose = delim;
        return end;
      }
    } else {
      assign(st, TYPE_STRING, start, q - start, s, start);
      st.strClose = delim;
      return q + 1;
    }
  }
}

function parseString(sf: SqliState): number {
  return parseStringCore(sf.s, sf.slen, sf.pos, sf.current, sf.s.charCodeAt(sf.pos), 1);
}

/** E'...' (PostgreSQL escaped string) and N'...' (MySQL national charset). */
function parseEstring(sf: SqliState): number {
  const { s, slen, pos } = sf;
  if (pos + 2 >= slen || s.charCodeAt(pos + 1) !== CHAR_SINGLE) return parseWord(sf);
  return parseStringCore(s, slen, pos, sf.current, CHAR_SINGLE, 2);
}

function parseUstring(sf: SqliState): number {
  const { s, slen, pos } = sf;
  if (pos + 2 < slen && s.charCodeAt(pos + 1) === 0x26 && s.charCodeAt(pos + 2) === CHAR_SINGLE) {
    sf.pos += 2;
    const next = parseString(sf);
    sf.current.strOpen = 0x75;
    if (sf.current.strClose === CHAR_SINGLE) sf.current.strClose = 0x75;
    return next;
  }
  return parseWord(sf);
}

/** Oracle q'Xstring X' quoting. */
function parseQstringCore(sf: SqliState, offset: number): number {
  const { s, slen } = sf;
  const pos = sf.pos + offset;
  if (pos >= slen) return parseWord(sf);
  const q = s.charCodeAt(pos);
  if ((q !== 0x71 && q !== 0x51) || pos + 2 >= slen || s.charCodeAt(pos + 1) !== CHAR_SINGLE) return parseWord(sf);
  let ch = s.charCodeAt(pos + 2);
  // signed char: bytes >= 0x80 are negative, hence "< 33"
  if (ch < 33 || ch >= 0x80) return parseWord(sf);
  if (ch === 0x28) ch = 0x29;
  else if (ch === 0x5b) ch = 0x5d;
  else if (ch === 0x7b) ch = 0x7d;
  else if (ch === 0x3c) ch = 0x3e;
  const end = s.indexOf(String.fromCharCode(ch) + "'", pos + 3);
  if (end < 0) {
    assign(sf.current, TYPE_STRING, pos + 3, slen - pos - 3, s, pos + 3);
    sf.current.strOpen = 0x71;
    sf.current.strClose = 0;
    return slen;
  }
  assign(sf.current, TYPE_STRING, pos + 3, end - pos - 3, s, pos + 3);
  sf.current.strOpen = 0x71;
  sf.current.strClose = 0x71;
  return end + 2;
}

function parseQstring(sf: SqliState): number {
  return parseQstringCore(sf, 0);
}

function parseNqstring(sf: SqliState): number {
  const { s, slen, pos } = sf;
  if (pos + 2 < slen && s.charCodeAt(pos + 1) === CHAR_SINGLE) return parseEstring(sf);
  return parseQstringCore(sf, 1);
}

/** b'0101' and x'CAFE' literals. */
function parseDigitString(sf: SqliState, digits: Uint8Array): number {
  const { s, slen, pos } = sf;
  if (pos + 2 >= slen || s.charCodeAt(pos + 1) !== CHAR_SINGLE) return parseWord(sf);
  const wlen = spn(s, pos + 2, slen, digits);
  if (pos + 2 + wlen >= slen || s.charCodeAt(pos + 2 + wlen) !== CHAR_SINGLE) return parseWord(sf);
  assign(sf.current, TYPE_NUMBER, pos, wlen + 3, s, pos);
  return pos + 2 + wlen + 1;
}

function parseBstring(sf: SqliState): number {
  return parseDigitString(sf, SET_BIN);
}

function parseXstring(sf: SqliState): number {
  return parseDigitString(sf, SET_HEX);
}

/** MS SQL Server [bracketed names]. */
function parseBword(sf: SqliState): number {
  const { s, slen, pos } = sf;
  const end = s.indexOf(']', pos);
  if (end < 0) {
    assign(sf.current, TYPE_BAREWORD, pos, slen - pos, s, pos);
    return slen;
  }
  assign(sf.current, TYPE_BAREWORD, pos, end - pos + 1, s, pos);
  return end + 1;
}

function parseWord(sf: SqliState): number {
  const { s, slen, pos } = sf;
  const cur = sf.current;
  // One scan finds the end of the word and hashes it for the keyword lookup; on the way, the hash
  // of each prefix ending at '.' or '`' is at hand for the split below.
  let h = HASH_START;
  let end = pos;
  for (; end < slen; end++) {
    const c = s.charCodeAt(end);
    if (SET_WORD_END[c] === 1) break;
    const n = end - pos;
    if (n >= TOKEN_SIZE) {
      // past what the (truncated) value holds: a long word (ARGS_NAMES of nested JSON) ends natively
      WORD_END.lastIndex = end;
      end = WORD_END.test(s) ? Math.min(WORD_END.lastIndex - 1, slen) : slen;
      break;
    }
    // "SELECT.1" or "SELECT`col`": split when what precedes '.' or '`' is a keyword
    if ((c === 0x2e || c === 0x60) && n < TOKEN_SIZE - 1) {
      const ch = KEYWORD_TABLE.getHashed(h, s, pos, n);
      if (ch !== TYPE_NONE && ch !== TYPE_BAREWORD) {
        cur.clear();
        assign(cur, ch, pos, n, s, pos);
        return end;
      }
    }
    h = hashByte(h, c);
  }

  const wlen = end - pos;
  assign(cur, TYPE_BAREWORD, pos, wlen, s, pos);
  if (wlen < TOKEN_SIZE) {
    const ch = KEYWORD_TABLE.getHashed(h, s, pos, wlen);
    cur.type = ch === TYPE_NONE ? TYPE_BAREWORD : ch;
    cur.phraseHead = PHRASE_HEADS.getHashed(h, s, pos, wlen); // the hash is at hand
  }
  return end;
}

/** MySQL `backticks`: a bare word, or a function name. */
function parseTick(sf: SqliState): number {
  const next = parseStringCore(sf.s, sf.slen, sf.pos, sf.current, CHAR_TICK, 1);
  const ch = lookupToken(sf.current);
  sf.current.type = ch === TYPE_FUNCTION ? TYPE_FUNCTION : TYPE_BAREWORD;
  return next;
}

function parseVar(sf: SqliState): number {
  const { s, slen } = sf;
  let pos = sf.pos + 1;
  if (pos < slen && s.charCodeAt(pos) === 0x40) {
    pos += 1;
    sf.current.count = 2;
  } else {
    sf.current.count = 1;
  }
  // MySQL allows @@`version` and @'name'
  if (pos < slen) {
    const c = s.charCodeAt(pos);
    if (c === CHAR_TICK) {
      sf.pos = pos;
      const next = parseTick(sf);
      sf.current.type = TYPE_VARIABLE;
      return next;
    } else if (c === CHAR_SINGLE || c === CHAR_DOUBLE) {
      sf.pos = pos;
      const next = parseString(sf);
      sf.current.type = TYPE_VARIABLE;
      return next;
    }
  }
  const xlen = cspn(s, pos, slen, SET_VAR_END);
  assign(sf.current, TYPE_VARIABLE, pos, xlen, s, pos);
  return pos + xlen;
}

function parseMoney(sf: SqliState): number {
  const { s, slen, pos } = sf;
  if (pos + 1 === slen) {
    assignChar(sf, TYPE_BAREWORD, pos);
    return slen;
  }
  // $1,000.00 or $1.000,00
  let xlen = spn(s, pos + 1, slen, SET_MONEY);
  if (xlen === 0) {
    if (s.charCodeAt(pos + 1) === 0x24) {
      // $$ PostgreSQL dollar-quoted string $$
      const end = s.indexOf('$$', pos + 2);
      if (end < 0) {
        assign(sf.current, TYPE_STRING, pos + 2, slen - (pos + 2), s, pos + 2);
        sf.current.strOpen = 0x24;
        sf.current.strClose = 0;
        return slen;
      }
      assign(sf.current, TYPE_STRING, pos + 2, end - (pos + 2), s, pos + 2);
      sf.current.strOpen = 0x24;
      sf.current.strClose = 0x24;
      return end + 2;
    }
    // $tag$ string $tag$
    xlen = spn(s, pos + 1, slen, SET_LETTERS);
    if (xlen === 0 || pos + xlen + 1 === slen || s.charCodeAt(pos + xlen + 1) !== 0x24) {
      assignChar(sf, TYPE_BAREWORD, pos);
      return pos + 1;
    }
    const body = pos + xlen + 2;
    const end = s.indexOf(s.substr(pos, xlen + 2), body);
    if (end < 0) {
      assign(sf.current, TYPE_STRING, body, slen - body, s, body);
      sf.current.strOpen = 0x24;
      sf.current.strClose = 0;
      return slen;
    }
    assign(sf.current, TYPE_STRING, body, end - body, s, body);
    sf.current.strOpen = 0x24;
    sf.current.strClose = 0x24;
    return end + xlen + 2;
  } else if (xlen === 1 && s.charCodeAt(pos + 1) === 0x2e) {
    // "$." is a word
    return parseWord(sf);
  }
  assign(sf.current, TYPE_NUMBER, pos, 1 + xlen, s, pos);
  return pos + 1 + xlen;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function parseNumber(sf: SqliState): number {
  const { s, slen } = sf;
  let pos = sf.pos;
  if (s.charCodeAt(pos) === 0x30 && pos + 1 < slen) {
    const c1 = s.charCodeAt(pos + 1);
    const digits = c1 === 0x58 || c1 === 0x78 ? SET_HEX : c1 === 0x42 || c1 === 0x62 ? SET_BIN : null;
    if (digits !== null) {
      const xlen = spn(s, pos + 2, slen, digits);
      if (xlen === 0) {
        assign(sf.current, TYPE_BAREWORD, pos, 2, s, pos);
        return pos + 2;
      }
      assign(sf.current, TYPE_NUMBER, pos, 2 + xlen, s, pos);
      return pos + 2 + xlen;
    }
  }

  const start = pos;
  while (pos < slen && isDigit(s.charCodeAt(pos))) pos++;
  if (pos < slen && s.charCodeAt(pos) === 0x2e) {
    pos++;
    while (pos < slen && isDigit(s.charCodeAt(pos))) pos++;
    if (pos - start === 1) {
      assignChar(sf, TYPE_DOT, start);
      return pos;
    }
  }

  let haveE = false;
  let haveExp = false;
  if (pos < slen) {
    const c = s.charCodeAt(pos);
    if (c === 0x45 || c === 0x65) {
      haveE = true;
      pos++;
      if (pos < slen) {
        const sign = s.charCodeAt(pos);
        if (sign === 0x2b || sign === 0x2d) pos++;
      }
      while (pos < slen && isDigit(s.charCodeAt(pos))) {
        haveExp = true;
        pos++;
      }
    }
  }

  // Oracle's float/double suffix: 1.2f, 1d
  if (pos < slen) {
    const c = s.charCodeAt(pos);
    if (c === 0x64 || c === 0x44 || c === 0x66 || c === 0x46) {
      if (pos + 1 === slen) {
        pos++;
      } else {
        const n = s.charCodeAt(pos + 1);
        // "1fUNION" parses as "1f UNION"; "123FROM" as "123"
        if (SET_WHITE[n] === 1 || n === 0x3b || n === 0x75 || n === 0x55) pos++;
      }
    }
  }

  // "1E", "10.10e", ".e": an exponent without digits makes a word, not a number
  assign(sf.current, haveE && !haveExp ? TYPE_BAREWORD : TYPE_NUMBER, start, pos - start, s, start);
  return pos;
}

const PARSERS_BY_CLASS: Record<(typeof CHAR_CLASSES)[number], Parser> = {
  CHAR_WORD: parseWord,
  CHAR_WHITE: parseWhite,
  CHAR_OP1: parseOperator1,
  CHAR_UNARY: parseOperator1,
  CHAR_OP2: parseOperator2,
  CHAR_BANG: parseOperator2,
  CHAR_BACK: parseBackslash,
  CHAR_DASH: parseDash,
  CHAR_STR: parseString,
  CHAR_HASH: parseHash,
  CHAR_NUM: parseNumber,
  CHAR_SLASH: parseSlash,
  CHAR_SEMICOLON: parseChar,
  CHAR_COMMA: parseChar,
  CHAR_LEFTPARENS: parseChar,
  CHAR_RIGHTPARENS: parseChar,
  CHAR_LEFTBRACE: parseChar,
  CHAR_RIGHTBRACE: parseChar,
  CHAR_VAR: parseVar,
  CHAR_OTHER: parseOther,
  CHAR_MONEY: parseMoney,
  CHAR_TICK: parseTick,
  CHAR_USTRING: parseUstring,
  CHAR_QSTRING: parseQstring,
  CHAR_NQSTRING: parseNqstring,
  CHAR_XSTRING: parseXstring,
  CHAR_BSTRING: parseBstring,
  CHAR_ESTRING: parseEstring,
  CHAR_BWORD: parseBword,
};

const CHAR_PARSERS: Parser[] = Array.from(CHARMAP, (c) => PARSERS_BY_CLASS[CHAR_CLASSES[c]!]);

/** The bytes CHARMAP makes white space. */
const WHITE_RUN = /[\0- \x7f\xa0]*/y;

/** Reads the next token into sf.current; false at the end of input. */
export function tokenize(sf: SqliState): boolean {
  const { s, slen } = sf;
  if (slen === 0) return false;
  const current = sf.current;
  current.clear();

  // In a quote mode, pretend the input starts with that quote.
  if (sf.pos === 0 && sf.flags & (FLAG_QUOTE_SINGLE | FLAG_QUOTE_DOUBLE)) {
    const delim = sf.flags & FLAG_QUOTE_SINGLE ? CHAR_SINGLE : CHAR_DOUBLE;
    sf.pos = parseStringCore(s, slen, 0, current, delim, 0);
    sf.statsTokens += 1;
    return true;
  }

  while (sf.pos < slen) {
    const parse = CHAR_PARSERS[s.charCodeAt(sf.pos)]!;
    if (parse === parseWhite && sf.pos + 1 < slen && CHAR_PARSERS[s.charCodeAt(sf.pos + 1)] === parseWhite) {
      // a run of white space (a long value may be one): skipped natively
      WHITE_RUN.lastIndex = sf.pos;
      WHITE_RUN.test(s);
      sf.pos = WHITE_RUN.lastIndex;
      continue;
    }
    sf.pos = parse(sf);
    if (current.type !== TYPE_NONE) {
      sf.statsTokens += 1;
      return true;
    }
  }
  return false;
}

function isMergeable(type: number): boolean {
  return (
    type === TYPE_KEYWORD ||
    type === TYPE_BAREWORD ||
    type === TYPE_OPERATOR ||
    type === TYPE_UNION ||
    type === TYPE_FUNCTION ||
    type === TYPE_EXPRESSION ||
    type === TYPE_TSQL ||
    type === TYPE_SQLTYPE
  );
}

/** Merges compound phrases such as "UNION" + "ALL" into one token when the phrase is a keyword. */
function syntaxMergeWords(a: Token, b: Token): boolean {
  if (!isMergeable(a.type)) return false;
  if (!isMergeable(b.type) && b.type !== TYPE_LOGIC_OPERATOR) return false;
  const sz3 = a.len + b.len + 1;
  if (sz3 >= TOKEN_SIZE) return false;
  const ch = lookupPhrase(a, b);
  if (ch === TYPE_NONE) return false;
  assign(a, ch, a.pos, sz3, a.val + ' ' + b.val, 0); // a new string: merges are rare
  return true;
}

/** Words that act as functions when followed by '(' (T-SQL and MySQL). */
const FUNCTION_LIKE_WORDS = new CaselessTable(
  [
    'USER_ID',
    'USER_NAME',
    'DATABASE',
    'PASSWORD',
    'USER',
    'CURRENT_USER',
    'CURRENT_DATE',
    'CURRENT_TIME',
    'CURRENT_TIMESTAMP',
    'LOCALTIME',
    'LOCALTIMESTAMP',
  ].map((word) => [word, 1] as const),
);

/** strchr(val, c): the value holds byte `c` before any NUL. */
function cstrHas(t: Token, c: number): boolean {
  for (let i = 0; i < t.len; i++) {
    const b = t.src.charCodeAt(t.off + i);
    if (b === c) return true;
    if (b === 0) return false;
  }
  return false;
}

/** Reads tokens until `upTo` are unfolded after `left` (comments are set aside); returns the new pos. */
function fetchTokens(sf: SqliState, pos: number, left: number, upTo: number): number {
  const tv = sf.tokenvec;
  while (sf.more && pos <= MAX_TOKENS && pos - left < upTo) {
    sf.current = tv[pos]!;
    sf.more = tokenize(sf);
    if (sf.more) {
      if (sf.current.type === TYPE_COMMENT) {
        sf.lastComment.copyFrom(sf.current);
      } else {
        sf.lastComment.type = TYPE_NONE;
        pos += 1;
      }
    }
  }
  return pos;
}

/** Tokenizes and folds; returns the number of tokens in sf.tokenvec (libinjection_sqli_fold). */
export function fold(sf: SqliState): number {
  const tv = sf.tokenvec;
  const lastComment = sf.lastComment;
  lastComment.clear();
  let pos = 0;
  let left = 0;
  let more = true;

  // Skip all initial comments, left-parens, SQL types and unary operators.
  sf.current = tv[0]!;
  while (more) {
    more = tokenize(sf);
    const t = sf.current;
    if (!(t.type === TYPE_COMMENT || t.type === TYPE_LEFTPARENS || t.type === TYPE_SQLTYPE || isUnaryOp(t))) break;
  }
  if (!more) return 0;
  pos += 1;

  for (;;) {
    // With 5 tokens, some shapes are folded back to keep looking.
    if (pos >= MAX_TOKENS) {
      const t0 = tv[0]!.type;
      const t1 = tv[1]!.type;
      const t2 = tv[2]!.type;
      const t3 = tv[3]!.type;
      const t4 = tv[4]!.type;
      if (
        (t0 === TYPE_NUMBER &&
          (t1 === TYPE_OPERATOR || t1 === TYPE_COMMA) &&
          t2 === TYPE_LEFTPARENS &&
          t3 === TYPE_NUMBER &&
          t4 === TYPE_RIGHTPARENS) ||
        (t0 === TYPE_BAREWORD &&
          t1 === TYPE_OPERATOR &&
          t2 === TYPE_LEFTPARENS &&
          (t3 === TYPE_BAREWORD || t3 === TYPE_NUMBER) &&
          t4 === TYPE_RIGHTPARENS) ||
        (t0 === TYPE_NUMBER && t1 === TYPE_RIGHTPARENS && t2 === TYPE_COMMA && t3 === TYPE_LEFTPARENS && t4 === TYPE_NUMBER) ||
        (t0 === TYPE_BAREWORD &&
          t1 === TYPE_RIGHTPARENS &&
          t2 === TYPE_OPERATOR &&
          t3 === TYPE_LEFTPARENS &&
          t4 === TYPE_BAREWORD)
      ) {
        if (pos > MAX_TOKENS) {
          tv[1]!.copyFrom(tv[MAX_TOKENS]!);
          pos = 2;
          left = 0;
        } else {
          pos = 1;
          left = 0;
        }
      }
    }

    if (!more || left >= MAX_TOKENS) {
      left = pos;
      break;
    }

    sf.more = more;
    pos = fetchTokens(sf, pos, left, 2);
    more = sf.more;
    if (pos - left < 2) {
      left = pos;
      continue;
    }

    const a = tv[left]!;
    const b = tv[left + 1]!;

    if (a.type === TYPE_STRING && b.type === TYPE_STRING) {
      pos -= 1;
      sf.statsFolds += 1;
      continue;
    } else if (a.type === TYPE_SEMICOLON && b.type === TYPE_SEMICOLON) {
      pos -= 1;
      sf.statsFolds += 1;
      continue;
    } else if ((a.type === TYPE_OPERATOR || a.type === TYPE_LOGIC_OPERATOR) && (isUnaryOp(b) || b.type === TYPE_SQLTYPE)) {
      pos -= 1;
      sf.statsFolds += 1;
      left = 0;
      continue;
    } else if (a.type === TYPE_LEFTPARENS && isUnaryOp(b)) {
      pos -= 1;
      sf.statsFolds += 1;
      if (left > 0) left -= 1;
      continue;
    } else if (syntaxMergeWords(a, b)) {
      pos -= 1;
      sf.statsFolds += 1;
      if (left > 0) left -= 1;
      continue;
    } else if (
      a.type === TYPE_SEMICOLON &&
      b.type === TYPE_FUNCTION &&
      (b.byte(0) | 0x20) === 0x69 &&
      b.len > 1 &&
      (b.byte(1) | 0x20) === 0x66
    ) {
      // IF after ';' is T-SQL control flow, not the function
      b.type = TYPE_TSQL;
      continue;
    } else if (
      (a.type === TYPE_BAREWORD || a.type === TYPE_VARIABLE) &&
      b.type === TYPE_LEFTPARENS &&
      FUNCTION_LIKE_WORDS.get(a.src, a.off, a.len) !== 0
    ) {
      a.type = TYPE_FUNCTION;
      continue;
    } else if (a.type === TYPE_KEYWORD && (valIs(a, 'IN') || valIs(a, 'NOT IN'))) {
      // "IN (" is an operator; otherwise (IN BOOLEAN MODE) a word to merge later
      a.type = b.type === TYPE_LEFTPARENS ? TYPE_OPERATOR : TYPE_BAREWORD;
      continue;
    } else if (a.type === TYPE_OPERATOR && (valIs(a, 'LIKE') || valIs(a, 'NOT LIKE'))) {
      if (b.type === TYPE_LEFTPARENS) a.type = TYPE_FUNCTION;
    } else if (
      a.type === TYPE_SQLTYPE &&
      (b.type === TYPE_BAREWORD ||
        b.type === TYPE_NUMBER ||
        b.type === TYPE_SQLTYPE ||
        b.type === TYPE_LEFTPARENS ||
        b.type === TYPE_FUNCTION ||
        b.type === TYPE_VARIABLE ||
        b.type === TYPE_STRING)
    ) {
      a.copyFrom(b);
      pos -= 1;
      sf.statsFolds += 1;
      left = 0;
      continue;
    } else if (a.type === TYPE_COLLATE && b.type === TYPE_BAREWORD) {
      // too many collation names: one with a '_' is taken as a type
      if (cstrHas(b, 0x5f)) {
        b.type = TYPE_SQLTYPE;
        left = 0;
      }
    } else if (a.type === TYPE_BACKSLASH) {
      if (isArithmeticOp(b)) {
        // T-SQL parses '\%1' as '0 % 1'
        a.type = TYPE_NUMBER;
      } else {
        a.copyFrom(b);
        pos -= 1;
        sf.statsFolds += 1;
      }
      left = 0;
      continue;
    } else if (a.type === TYPE_LEFTPARENS && b.type === TYPE_LEFTPARENS) {
      pos -= 1;
      left = 0;
      sf.statsFolds += 1;
      continue;
    } else if (a.type === TYPE_RIGHTPARENS && b.type === TYPE_RIGHTPARENS) {
      pos -= 1;
      left = 0;
      sf.statsFolds += 1;
      continue;
    } else if (a.type === TYPE_LEFTBRACE && b.type === TYPE_BAREWORD) {
      // MySQL "{ ``.``.id }" is too odd to parse: ban "{ ``"; otherwise drop the ODBC "{foo" prefix
      if (b.len === 0) {
        b.type = TYPE_EVIL;
        return left + 2;
      }
      left = 0;
      pos -= 2;
      sf.statsFolds += 2;
      continue;
    } else if (b.type === TYPE_RIGHTBRACE) {
      pos -= 1;
      left = 0;
      sf.statsFolds += 1;
      continue;
    }

    sf.more = more;
    pos = fetchTokens(sf, pos, left, 3);
    more = sf.more;
    if (pos - left < 3) {
      left = pos;
      continue;
    }

    const t0 = tv[left]!;
    const t1 = tv[left + 1]!;
    const t2 = tv[left + 2]!;
    const y0 = t0.type;
    const y1 = t1.type;
    const y2 = t2.type;

    if (y0 === TYPE_NUMBER && y1 === TYPE_OPERATOR && y2 === TYPE_NUMBER) {
      pos -= 2;
      left = 0;
      continue;
    } else if (y0 === TYPE_OPERATOR && y1 !== TYPE_LEFTPARENS && y2 === TYPE_OPERATOR) {
      left = 0;
      pos -= 2;
      continue;
    } else if (y0 === TYPE_LOGIC_OPERATOR && y2 === TYPE_LOGIC_OPERATOR) {
      pos -= 2;
      left = 0;
      continue;
    } else if (
      y0 === TYPE_VARIABLE &&
      y1 === TYPE_OPERATOR &&
      (y2 === TYPE_VARIABLE || y2 === TYPE_NUMBER || y2 === TYPE_BAREWORD)
    ) {
      pos -= 2;
      left = 0;
      continue;
    } else if (
      (y0 === TYPE_BAREWORD || y0 === TYPE_NUMBER) &&
      y1 === TYPE_OPERATOR &&
      (y2 === TYPE_NUMBER || y2 === TYPE_BAREWORD)
    ) {
      pos -= 2;
      left = 0;
      continue;
    } else if (
      (y0 === TYPE_BAREWORD || y0 === TYPE_NUMBER || y0 === TYPE_VARIABLE || y0 === TYPE_STRING) &&
      y1 === TYPE_OPERATOR &&
      t1.byte(0) === 0x3a && t1.byte(1) === 0x3a && t1.byte(2) === 0 && // strcmp(val, "::")
      y2 === TYPE_SQLTYPE
    ) {
      pos -= 2;
      left = 0;
      sf.statsFolds += 2;
      continue;
    } else if (
      (y0 === TYPE_BAREWORD || y0 === TYPE_NUMBER || y0 === TYPE_STRING || y0 === TYPE_VARIABLE) &&
      y1 === TYPE_COMMA &&
      (y2 === TYPE_NUMBER || y2 === TYPE_BAREWORD || y2 === TYPE_STRING || y2 === TYPE_VARIABLE)
    ) {
      pos -= 2;
      left = 0;
      continue;
    } else if ((y0 === TYPE_EXPRESSION || y0 === TYPE_GROUP || y0 === TYPE_COMMA) && isUnaryOp(t1) && y2 === TYPE_LEFTPARENS) {
      // "SELECT + (", "LIMIT + (": drop the unary operator
      t1.copyFrom(t2);
      pos -= 1;
      left = 0;
      continue;
    } else if (
      (y0 === TYPE_KEYWORD || y0 === TYPE_EXPRESSION || y0 === TYPE_GROUP) &&
      isUnaryOp(t1) &&
      (y2 === TYPE_NUMBER || y2 === TYPE_BAREWORD || y2 === TYPE_VARIABLE || y2 === TYPE_STRING || y2 === TYPE_FUNCTION)
    ) {
      t1.copyFrom(t2);
      pos -= 1;
      left = 0;
      continue;
    } else if (
      y0 === TYPE_COMMA &&
      isUnaryOp(t1) &&
      (y2 === TYPE_NUMBER || y2 === TYPE_BAREWORD || y2 === TYPE_VARIABLE || y2 === TYPE_STRING)
    ) {
      // ", -1" -> ",1" and back up so "1,-1" folds to "1"
      t1.copyFrom(t2);
      left = 0;
      pos -= 3;
      continue;
    } else if (y0 === TYPE_COMMA && isUnaryOp(t1) && y2 === TYPE_FUNCTION) {
      t1.copyFrom(t2);
      pos -= 1;
      left = 0;
      continue;
    } else if (y0 === TYPE_BAREWORD && y1 === TYPE_DOT && y2 === TYPE_BAREWORD) {
      // database.table
      pos -= 2;
      left = 0;
      continue;
    } else if (y0 === TYPE_EXPRESSION && y1 === TYPE_DOT && y2 === TYPE_BAREWORD) {
      t1.copyFrom(t2);
      pos -= 1;
      left = 0;
      continue;
    } else if (y0 === TYPE_FUNCTION && y1 === TYPE_LEFTPARENS && y2 !== TYPE_RIGHTPARENS) {
      // USER() takes no arguments: USER(foo) is not the function
      if (valIs(t0, 'USER')) t0.type = TYPE_BAREWORD;
    }

    left += 1;
  }

  // With room left, put back a trailing comment.
  if (left < MAX_TOKENS && lastComment.type === TYPE_COMMENT) {
    tv[left]!.copyFrom(lastComment);
    left += 1;
  }
  // A 6th token may have been read to decide the type of the 5th.
  if (left > MAX_TOKENS) left = MAX_TOKENS;
  return left;
}

/** C's tokenvec[0].val after an 'X' fingerprint: "X", NUL-padded. */
const EVIL_VAL = 'X'.padEnd(TOKEN_SIZE, '\0');

/** Computes the fingerprint for one parsing mode into sf.tokenvec / sf.fingerprintLen (libinjection_sqli_fingerprint). */
function fingerprintPass(sf: SqliState, flags: number): void {
  sf.init(sf.s, flags);
  const tlen = fold(sf);
  const tv = sf.tokenvec;

  // PHP's magic backquote comment: a trailing, empty, unclosed `
  if (tlen > 2) {
    const last = tv[tlen - 1]!;
    if (last.type === TYPE_BAREWORD && last.strOpen === CHAR_TICK && last.len === 0 && last.strClose === 0) {
      last.type = TYPE_COMMENT;
    }
  }
  sf.fingerprintLen = tlen;

  // 'X' means the input could not be parsed reliably
  for (let i = 0; i < tlen; i++) {
    if (tv[i]!.type === TYPE_EVIL) {
      sf.fingerprintLen = 1;
      const t0 = tv[0]!;
      t0.type = TYPE_EVIL;
      t0.src = EVIL_VAL;
      t0.off = 0;
      tv[1]!.type = TYPE_NONE;
      break;
    }
  }
}

/** libinjection_sqli_fingerprint: the fingerprint of the input in one parsing mode. */
export function fingerprint(sf: SqliState, flags: number): string {
  fingerprintPass(sf, flags);
  return sf.fingerprint;
}

/**
 * Fingerprints as small integers, so the blacklist check builds no string: a leading 1 (which
 * keeps lengths apart), then each upper-cased type char as a 5-bit digit. A type char found in no
 * listed fingerprint is digit 0, which no listed key holds.
 */
const FP_DIGIT = new Uint8Array(128);

function addFingerprintDigit(key: number, c: number): number {
  return key * 32 + FP_DIGIT[c >= 0x61 && c <= 0x7a ? c - 0x20 : c]!;
}

const FINGERPRINT_KEYS: ReadonlySet<number> = (() => {
  let next = 1;
  for (const fp of FINGERPRINTS) {
    for (let i = 0; i < fp.length; i++) {
      const c = fp.charCodeAt(i);
      if (FP_DIGIT[c] === 0) FP_DIGIT[c] = next++;
    }
  }
  if (next > 32) throw new Error('libinjection: too many fingerprint chars for 5-bit digits');
  const keys = new Set<number>();
  for (const fp of FINGERPRINTS) {
    let key = 1;
    for (let i = 0; i < fp.length; i++) key = addFingerprintDigit(key, fp.charCodeAt(i));
    keys.add(key);
  }
  return keys;
})();

function blacklisted(sf: SqliState): boolean {
  const tlen = sf.fingerprintLen;
  if (tlen < 1) return false;
  let key = 1;
  for (let i = 0; i < tlen; i++) key = addFingerprintDigit(key, sf.tokenvec[i]!.type);
  return FINGERPRINT_KEYS.has(key);
}

/** The fingerprint is exactly `fp` (case-sensitive). */
function fingerprintIs(sf: SqliState, fp: string): boolean {
  if (sf.fingerprintLen !== fp.length) return false;
  for (let i = 0; i < fp.length; i++) if (sf.tokenvec[i]!.type !== fp.charCodeAt(i)) return false;
  return true;
}

/** False-positive reduction for short fingerprints (libinjection_sqli_not_whitelist). */
function notWhitelisted(sf: SqliState): boolean {
  const tlen = sf.fingerprintLen;
  const tv = sf.tokenvec;
  const t0 = tv[0]!;
  const t1 = tv[1]!;

  // MS SQL Server's audit log ignores anything containing sp_password
  if (tlen > 1 && tv[tlen - 1]!.type === TYPE_COMMENT && sf.s.includes('sp_password')) return true;

  switch (tlen) {
    case 2: {
      if (t1.type === TYPE_UNION) {
        // "1 union" alone is common text; only with folding/comments is it SQLi
        return sf.statsTokens !== 2;
      }
      if (t1.byte(0) === 0x23) return false; // '#' comment: too many FPs
      if (t0.type === TYPE_BAREWORD && t1.type === TYPE_COMMENT && t1.byte(0) !== 0x2f) return false;
      if (t0.type === TYPE_NUMBER && t1.type === TYPE_COMMENT && t1.byte(0) === 0x2f) return true;
      if (t0.type === TYPE_NUMBER && t1.type === TYPE_COMMENT) {
        if (sf.statsTokens > 2) return true;
        // the char after the number in the *original* input must be white, "/*" or "--"
        const ch = byteAt(sf.s, t0.len);
        if (ch <= 32 || ch >= 0x80) return true;
        const next = byteAt(sf.s, t0.len + 1);
        if (ch === 0x2f && next === 0x2a) return true;
        if (ch === 0x2d && next === 0x2d) return true;
        return false;
      }
      // "1-- foo" is text; only an input ending in "--" counts
      if (t1.len > 2 && t1.byte(0) === 0x2d) return false;
      break;
    }
    case 3: {
      if (fingerprintIs(sf, 'sos') || fingerprintIs(sf, 's&s')) {
        const t2 = tv[2]!;
        // ...foo' + 'bar...
        return t0.strOpen === 0 && t2.strClose === 0 && t0.strClose === t2.strOpen;
      } else if (
        fingerprintIs(sf, 's&n') ||
        fingerprintIs(sf, 'n&1') ||
        fingerprintIs(sf, '1&1') ||
        fingerprintIs(sf, '1&v') ||
        fingerprintIs(sf, '1&s')
      ) {
        // 'sexy and 17' is not SQLi, 'sexy and 17<18' is
        if (sf.statsTokens === 3) return false;
      } else if (t1.type === TYPE_KEYWORD) {
        // only INTO OUTFILE / INTO DUMPFILE
        if (t1.len < 5 || !startsWithUpper(t1, 'INTO')) return false;
      }
      break;
    }
    default:
      break;
  }
  return true;
}

function checkFingerprint(sf: SqliState): boolean {
  return blacklisted(sf) && notWhitelisted(sf);
}

/** Whether the last fingerprint pass saw comments that only make sense in MySQL. */
function reparseAsMysql(sf: SqliState): boolean {
  return sf.statsCommentDdx !== 0 || sf.statsCommentHash !== 0;
}

/** libinjection_is_sqli on an initialised state; sf.fingerprint holds the last computed fingerprint. */
export function isSqli(sf: SqliState): boolean {
  if (sf.slen === 0) return false;

  fingerprintPass(sf, FLAG_QUOTE_NONE | FLAG_SQL_ANSI);
  if (checkFingerprint(sf)) return true;
  if (reparseAsMysql(sf)) {
    fingerprintPass(sf, FLAG_QUOTE_NONE | FLAG_SQL_MYSQL);
    if (checkFingerprint(sf)) return true;
  }

  // As if the input were the rest of a '...' or "..." string.
  if (sf.s.includes("'")) {
    fingerprintPass(sf, FLAG_QUOTE_SINGLE | FLAG_SQL_ANSI);
    if (checkFingerprint(sf)) return true;
    if (reparseAsMysql(sf)) {
      fingerprintPass(sf, FLAG_QUOTE_SINGLE | FLAG_SQL_MYSQL);
      if (checkFingerprint(sf)) return true;
    }
  }
  if (sf.s.includes('"')) {
    fingerprintPass(sf, FLAG_QUOTE_DOUBLE | FLAG_SQL_MYSQL);
    if (checkFingerprint(sf)) return true;
  }
  return false;
}
