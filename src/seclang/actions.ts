import type { ActionNode, Position } from './ast.js';
import { SecLangError } from './errors.js';
import { locatedAt, type Located } from './source.js';

// Sticky scanners over the action text (blanks are space, tab, CR and LF).
const SEPARATORS = /[ \t\r\n,]*/y;
const BLANKS = /[ \t\r\n]*/y;
const NAME = /[A-Za-z0-9_-]*/y;
const UNQUOTED_VALUE = /[^, \t\r\n]*/y;
/** Up to the next quote or backslash of a quoted value. */
const QUOTED_RUN = /[^'\\]*/y;

/** The end of the `token` match at `at` (possibly `at` itself). */
function skip(token: RegExp, s: string, at: number): number {
  token.lastIndex = at;
  token.test(s);
  return token.lastIndex;
}

/**
 * `name`, `name:value`, `name:'quoted, value'`, separated by commas (blanks
 * around them are ignored). As in ModSecurity v2's action parser, a quoted value
 * turns `\'` into `'` and `\\` into `\`; other backslashes are kept. An unquoted
 * value ends at a comma or a blank. Names are lower-cased; values are untouched.
 * Empty items (`a,,b`, a trailing comma) are skipped, as ModSecurity does.
 */
export function parseActionsLocated(src: Located): ActionNode[] {
  const s = src.text;
  const out: ActionNode[] = [];
  let i = 0;
  while (i < s.length) {
    i = skip(SEPARATORS, s, i);
    if (i >= s.length) break;
    const pos = src.pos(i);
    const nameStart = i;
    i = skip(NAME, s, i);
    if (i === nameStart) throw new SecLangError(`action name expected, found ${JSON.stringify(s[i])}`, pos);
    const name = s.slice(nameStart, i).toLowerCase();
    i = skip(BLANKS, s, i);
    let value: string | null = null;
    if (s[i] === ':') {
      i = skip(BLANKS, s, i + 1);
      if (s[i] === "'") {
        const open = i;
        value = '';
        let run = ++i;
        for (;;) {
          i = skip(QUOTED_RUN, s, i);
          if (i >= s.length) throw new SecLangError(`unterminated quoted value of action "${name}"`, src.pos(open));
          if (s[i] === "'") break;
          if (s[i + 1] === "'" || s[i + 1] === '\\') {
            value += s.slice(run, i);
            run = i + 1;
            i += 2;
          } else {
            i++;
          }
        }
        value += s.slice(run, i);
        i++;
      } else {
        const start = i;
        i = skip(UNQUOTED_VALUE, s, i);
        value = s.slice(start, i);
      }
      i = skip(BLANKS, s, i);
    }
    if (i < s.length && s[i] !== ',') {
      throw new SecLangError(`unexpected ${JSON.stringify(s[i])} after action "${name}", expected ","`, src.pos(i));
    }
    out.push({ pos, name, value });
  }
  return out;
}

/** Parses an action list written at `pos` (one line, or following its own line breaks). */
export function parseActions(text: string, pos: Position): ActionNode[] {
  return parseActionsLocated(locatedAt(text, pos));
}
