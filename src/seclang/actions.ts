import type { ActionNode, Position } from './ast.js';
import { SecLangError } from './errors.js';
import { locatedAt, type Located } from './source.js';

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isNameChar = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;

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
    while (isBlank(s[i]) || s[i] === ',') i++;
    if (i >= s.length) break;
    const pos = src.pos(i);
    const nameStart = i;
    while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
    if (i === nameStart) throw new SecLangError(`action name expected, found ${JSON.stringify(s[i])}`, pos);
    const name = s.slice(nameStart, i).toLowerCase();
    while (isBlank(s[i])) i++;
    let value: string | null = null;
    if (s[i] === ':') {
      i++;
      while (isBlank(s[i])) i++;
      if (s[i] === "'") {
        const open = i;
        value = '';
        let run = ++i;
        for (;;) {
          if (i >= s.length) throw new SecLangError(`unterminated quoted value of action "${name}"`, src.pos(open));
          const c = s[i];
          if (c === "'") break;
          if (c === '\\' && (s[i + 1] === "'" || s[i + 1] === '\\')) {
            value += s.slice(run, i);
            run = ++i;
          }
          i++;
        }
        value += s.slice(run, i);
        i++;
      } else {
        const start = i;
        while (i < s.length && s[i] !== ',' && !isBlank(s[i])) i++;
        value = s.slice(start, i);
      }
      while (isBlank(s[i])) i++;
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
