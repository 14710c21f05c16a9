/**
 * Random v2 patterns and values for the property tests of the regex-set prefilter: a small
 * grammar over a few chars (ASCII letters in both cases, Latin-1 letters, punctuation, a newline)
 * with the constructs the translator emits (classes, anchors, word boundaries, scoped (?i),
 * greedy and lazy repeats).
 */
import fc from 'fast-check';
import { VALUE_END, VALUE_START } from './required-literals.js';

export const ALPHABET = ['a', 'b', 'A', 'B', 'x', '-', '.', ' ', '\n', '1', '\xe9', '\xc9'];

const escape = (c: string): string =>
  c === '.' || c === '-' ? `\\${c}` : c === '\n' ? '\\n' : c.charCodeAt(0) > 0x7f ? `\\x${c.charCodeAt(0).toString(16)}` : c;

export const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ALPHABET.map(escape)),
    fc.constantFrom('.', '\\d', '\\w', '\\W', '\\s', '[ab]', '[^a]', '[a-x]', '[\\xc0-\\xff]', '^', '$', '\\b', '\\B', '\\A', '\\z'),
    tie('node').map((n) => `(?:${n})`),
    tie('node').map((n) => `(?i:${n})`),
    tie('node').map((n) => `(?-i:${n})`),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('atom'),
    fc.tuple(tie('atom'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,2}', '{2,}', '*?', '+?')).map(([a, q]) => a + q),
    fc.array(tie('node'), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((parts) => parts.join('|')),
  ),
})).node;

/** A value made of the grammar's chars (a binary string). */
export const value: fc.Arbitrary<string> = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((cs) => cs.join(''));

/** Whether the value satisfies one required literal (ASCII case folded; marks tie it to the value's ends). */
export function holdsLiteral(value: string, literal: string): boolean {
  const v = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const start = literal.startsWith(VALUE_START);
  const end = literal.endsWith(VALUE_END);
  const text = literal.slice(start ? 1 : 0, end ? -1 : undefined);
  if (start && end) return v === text;
  if (start) return v.startsWith(text);
  if (end) return v.endsWith(text);
  return v.includes(text);
}
