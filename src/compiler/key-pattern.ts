import { compileRegex } from './regex.js';
import { Memo } from '../engine/memo.js';

/** A literal of printable ASCII without regex syntax (escaped punctuation allowed), after an optional `^`. */
const LITERAL = /^(\^?)((?:[\x20-\x7e](?<![\\^$.|?*+()[\]{}])|\\[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e])+)(\.\*|\*)?$/;

const lowerAscii = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/** Whether `key` holds `lower` (ASCII lower case) at `at`, folding ASCII letters only, as PCRE's caseless tables do. */
function holdsAt(key: string, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if (lowerAscii(key.charCodeAt(at + i)) !== lower.charCodeAt(i)) return false;
  return true;
}

/**
 * The test of a regex key selector (`TX:/^header_name_920450_/`, `!REQUEST_COOKIES:/^_pk_ref/`),
 * case-insensitive as ModSecurity compiles them. Selectors are tested against keys made per
 * request (TX keys built from header names): a pattern that is a literal, maybe anchored at the
 * start and maybe ending in `.*` or `x*`, is compared in place; any other pattern runs as a regex
 * whose answers are remembered by key (bounded: keys can be attacker-chosen).
 */
export function keyPattern(source: string): (key: string) => boolean {
  const m = LITERAL.exec(source);
  if (m !== null) {
    let text = m[2]!.replace(/\\(.)/g, '$1').toLowerCase();
    // `x*` allows no x: the literal ends before it
    if (m[3] === '*') text = text.slice(0, -1);
    if (m[1] === '^') return (key) => key.length >= text.length && holdsAt(key, 0, text);
    return (key) => {
      for (let at = 0; at + text.length <= key.length; at++) if (holdsAt(key, at, text)) return true;
      return false;
    };
  }
  const re = compileRegex(source, { caseless: true });
  const memo = new Memo<boolean>();
  return (key) => memo.get(key) ?? memo.remember(key, re.test(key));
}
