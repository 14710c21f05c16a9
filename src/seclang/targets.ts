import type { Position, TargetNode } from './ast.js';
import { SecLangError } from './errors.js';
import { locatedAt, type Located } from './source.js';

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isNameChar = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
const endsKey = (c: string | undefined) => c === undefined || c === '|' || isBlank(c);

/** Index of the `/` closing a `/regex/` selector opened at `open`, or -1: a `/` followed by `|`, a blank or the end. */
function closingSlash(s: string, open: number): number {
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '/' && endsKey(s[j + 1])) return j;
  }
  return -1;
}

/**
 * `VAR|!VAR:key|&VAR|VAR:/regex/|VAR:'quoted key'`. A `/regex/` selector may
 * contain `|` and `:`: it ends at a `/` that is followed by `|` or the end.
 * `XML:` takes an XPath expression (`XML:/*`, `XML://@*`), never a regex.
 */
export function parseTargetsLocated(src: Located): TargetNode[] {
  const s = src.text;
  const out: TargetNode[] = [];
  let i = 0;
  for (;;) {
    while (isBlank(s[i])) i++;
    const pos = src.pos(i);
    if (i >= s.length) throw new SecLangError(out.length ? 'target expected after "|"' : 'target expected', pos);
    const negated = s[i] === '!';
    const count = s[i] === '&';
    if (negated || count) i++;
    if (s[i] === '!' || s[i] === '&') throw new SecLangError('a target cannot be both excluded and counted', src.pos(i));
    const nameStart = i;
    while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
    if (i === nameStart) throw new SecLangError('variable name expected', src.pos(i));
    const collection = s.slice(nameStart, i).toUpperCase();
    let selector: string | null = null;
    let selectorIsRegex = false;
    if (s[i] === ':') {
      const open = ++i;
      if (s[open] === '/' && collection !== 'XML' && closingSlash(s, open) !== -1) {
        const close = closingSlash(s, open);
        selector = s.slice(open + 1, close);
        selectorIsRegex = true;
        i = close + 1;
      } else if (s[open] === "'") {
        const close = s.indexOf("'", open + 1);
        if (close === -1) throw new SecLangError('unterminated quoted target key', src.pos(open));
        selector = s.slice(open + 1, close);
        i = close + 1;
      } else {
        while (!endsKey(s[i])) i++;
        selector = s.slice(open, i);
      }
      if (selector === '' && !selectorIsRegex) throw new SecLangError(`empty key after "${collection}:"`, src.pos(open));
    }
    out.push({ pos, collection, selector, selectorIsRegex, negated, count });
    while (isBlank(s[i])) i++;
    if (i >= s.length) return out;
    if (s[i] !== '|') throw new SecLangError(`unexpected ${JSON.stringify(s[i])} in target list`, src.pos(i));
    i++;
  }
}

/** Parses a target list written at `pos` (one line, or following its own line breaks). */
export function parseTargets(text: string, pos: Position): TargetNode[] {
  return parseTargetsLocated(locatedAt(text, pos));
}
