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
import moo from 'moo';
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

const blank = { match: /(?:[ \t\r\f\v\uFEFF]|\xEF\xBB\xBF)+/ };
const continuation = { match: /\\[ \t\r]*\n/, lineBreaks: true };
// Unrolled (`a*(?:\\x a*)*`) so that 12 KB patterns do not cost one regex iteration per character.
const quoted = (q: string, closed: boolean) => ({
  match: new RegExp(`${q}[^${q}\\\\\\n]*(?:\\\\(?:[ \\t\\r]*\\n|[^\\n])[^${q}\\\\\\n]*)*${closed ? q : '\\\\?'}`),
  lineBreaks: true,
});

const lexer = moo.states({
  start: {
    blank,
    continuation,
    newline: { match: /\n/, lineBreaks: true },
    comment: /#[^\n]*/,
    name: { match: /[^\s#\\"']+/, next: 'args' },
    invalid: moo.error,
  },
  args: {
    blank,
    continuation,
    newline: { match: /\n/, lineBreaks: true, next: 'start' },
    dq: quoted('"', true),
    dqOpen: quoted('"', false),
    sq: quoted("'", true),
    sqOpen: quoted("'", false),
    word: /(?:[^\s\\"']|\\(?![ \t\r]*\n))(?:[^\s\\]|\\(?![ \t\r]*\n))*/,
    invalid: moo.error,
  },
});

/** Removes the quotes of a quoted argument token, resolving `\<quote>` and continuations. */
function unquote(raw: string, start: number, lines: LineIndex): Arg {
  const q = raw[0]!;
  const end = raw.length > 1 && raw.endsWith(q) ? raw.length - 1 : raw.length;
  const map = new OffsetMap();
  let out = '';
  let runStart = 1;
  map.mark(0, start + 1);
  for (let i = 1; i < end; i++) {
    if (raw.charCodeAt(i) !== 0x5c) continue;
    const next = raw[i + 1];
    if (next === q) {
      out += raw.slice(runStart, i);
      map.mark(out.length, start + i + 1);
      runStart = i + 1;
      i++;
      continue;
    }
    let j = i + 1;
    while (raw[j] === ' ' || raw[j] === '\t' || raw[j] === '\r') j++;
    if (raw[j] === '\n') {
      out += raw.slice(runStart, i);
      map.mark(out.length, start + j + 1);
      runStart = j + 1;
      i = j;
    } else {
      i++; // `\x` stays as written; skip x so that `\\"` is not read as `\` + `\"`
    }
  }
  out += raw.slice(runStart, end);
  const located = locatedInFile(out, map, lines);
  // property order as in the parser's unquoted Args: one object shape
  return { text: out, start, pos: located.pos };
}

export function splitDirectives(text: string, lines: LineIndex): RawDirective[] {
  const out: RawDirective[] = [];
  let current: RawDirective | null = null;
  lexer.reset(text);
  for (let tok = lexer.next(); tok; tok = lexer.next()) {
    switch (tok.type) {
      case 'name':
        current = { name: tok.value, at: tok.offset, args: [] };
        out.push(current);
        break;
      case 'newline':
        current = null;
        break;
      case 'word': {
        const start = tok.offset;
        current!.args.push({ text: tok.value, start, pos: (i) => lines.position(start + i) });
        break;
      }
      case 'dq':
      case 'sq':
        current!.args.push(unquote(tok.value, tok.offset, lines));
        break;
      case 'dqOpen':
      case 'sqOpen':
        throw new SecLangError('unterminated quoted argument', lines.position(tok.offset));
      case 'invalid':
        throw new SecLangError(
          current ? `unexpected character ${JSON.stringify(tok.value[0])}` : 'expected a directive name',
          lines.position(tok.offset),
        );
      default: // blank, continuation, comment
        break;
    }
  }
  return out;
}
