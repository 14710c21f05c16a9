/**
 * Splits a configuration file into directives (name + arguments), the way
 * Apache's config reader and libmodsecurity's scanner do:
 * - one directive per line; a backslash at the end of a line (trailing blanks
 *   allowed) continues it on the next line, also inside a quoted argument;
 * - `#` starts a comment only where a directive name is expected, and the
 *   comment ends with its physical line (a trailing backslash does not continue
 *   it, as in libmodsecurity and Coraza: CRS's commented-out blocks prefix every
 *   line with `#` anyway);
 * - arguments are separated by blanks; `"..."` and `'...'` quote an argument,
 *   inside which `\<quote>` is the quote itself and every other backslash is
 *   kept as written. Apache (ModSecurity v2) would also turn `\\` into `\`;
 *   libmodsecurity v3 does not, and we follow v3: CRS has no `\\` in a quoted
 *   argument, and keeping it means a regex `a\\b` means what it says. Unquoted
 *   arguments are taken verbatim.
 */
import { SecLangError } from './errors.js';
import { LineIndex, OffsetMap, locatedInFile, type Located } from './source.js';

/** One argument, unquoted, with the file offset of its first character (the quote, if quoted). */
export interface Arg extends Located {
  start: number;
}

export interface RawDirective {
  name: string;
  /** File offset of the directive name. */
  at: number;
  args: Arg[];
}

// The tokens, each tried (sticky) at the current offset; where two could start with the same
// character, the first listed in the scanner wins.
const BLANK = /(?:[ \t\r\f\v\uFEFF]|\xEF\xBB\xBF)+/y;
const CONTINUATION = /\\[ \t\r]*\n/y;
const NAME = /[^\s#\\"']+/y;
const WORD = /(?:[^\s\\"']|\\(?![ \t\r]*\n))(?:[^\s\\]|\\(?![ \t\r]*\n))*/y;
// Unrolled (`a*(?:\\x a*)*`) so that 12 KB patterns do not cost one regex iteration per character.
const quoted = (q: string) => new RegExp(`${q}[^${q}\\\\\\n]*(?:\\\\(?:[ \\t\\r]*\\n|[^\\n])[^${q}\\\\\\n]*)*${q}`, 'y');
const DOUBLE_QUOTED = quoted('"');
const SINGLE_QUOTED = quoted("'");

/** The end of the `token` match at `at`, or -1. */
function end(token: RegExp, text: string, at: number): number {
  token.lastIndex = at;
  return token.test(text) ? token.lastIndex : -1;
}

/**
 * Unquotes the quoted argument text[start..stop) (quotes included), resolving `\<quote>` and
 * continuations.
 */
function unquote(text: string, start: number, stop: number, lines: LineIndex): Arg {
  const q = text[start]!;
  const close = stop - 1;
  const map = new OffsetMap();
  let out = '';
  let runStart = start + 1;
  map.mark(0, start + 1);
  for (let i = text.indexOf('\\', runStart); i !== -1 && i < close; i = text.indexOf('\\', i)) {
    if (text[i + 1] === q) {
      out += text.slice(runStart, i);
      map.mark(out.length, i + 1);
      runStart = i + 1;
      i += 2;
      continue;
    }
    let j = i + 1;
    while (text[j] === ' ' || text[j] === '\t' || text[j] === '\r') j++;
    if (text[j] === '\n') {
      out += text.slice(runStart, i);
      map.mark(out.length, j + 1);
      runStart = j + 1;
      i = j + 1;
    } else {
      i += 2; // `\x` stays as written; skip x so that `\\"` is not read as `\` + `\"`
    }
  }
  out += text.slice(runStart, close);
  const located = locatedInFile(out, map, lines);
  // Property order as in splitDirectives' unquoted Args: one object shape for the parsers.
  return { text: out, start, pos: located.pos };
}

/** Splits a file into directives (a hand-written scanner: most of a CRS file is comments). */
export function splitDirectives(text: string, lines: LineIndex): RawDirective[] {
  const out: RawDirective[] = [];
  let current: RawDirective | null = null;
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    let next = end(BLANK, text, at);
    if (next < 0 && c === '\\') next = end(CONTINUATION, text, at);
    if (next >= 0) {
      at = next;
      continue;
    }
    if (c === '\n') {
      current = null;
      at++;
      continue;
    }
    if (current === null) {
      if (c === '#') {
        const eol = text.indexOf('\n', at);
        at = eol < 0 ? text.length : eol;
        continue;
      }
      next = end(NAME, text, at);
      if (next < 0) throw new SecLangError('expected a directive name', lines.position(at));
      current = { name: text.slice(at, next), at, args: [] };
      out.push(current);
      at = next;
      continue;
    }
    if (c === '"' || c === "'") {
      next = end(c === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED, text, at);
      if (next < 0) throw new SecLangError('unterminated quoted argument', lines.position(at));
      current.args.push(unquote(text, at, next, lines));
      at = next;
      continue;
    }
    next = end(WORD, text, at);
    if (next < 0) throw new SecLangError(`unexpected character ${JSON.stringify(c)}`, lines.position(at));
    const start = at;
    current.args.push({ text: text.slice(start, next), start, pos: (i) => lines.position(start + i) });
    at = next;
  }
  return out;
}
