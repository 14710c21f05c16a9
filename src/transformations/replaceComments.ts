import type { TransformationDefinition } from './types.js';

/**
 * Each C-style comment `/* ... *\/` becomes one space; an unterminated one runs to the end of
 * the value (and still becomes a space). A stray `*\/` is kept.
 */
export function replaceComments(value: string): string {
  let start = value.indexOf('/*');
  if (start === -1) return value;
  let out = '';
  let last = 0;
  while (start !== -1) {
    out += value.slice(last, start) + ' ';
    const end = value.indexOf('*/', start + 2);
    if (end === -1) return out;
    last = end + 2;
    start = value.indexOf('/*', last);
  }
  return out + value.slice(last);
}

export default {
  name: 'replaceComments',
  // every comment opens with "/*"
  acts: /[*]/,
  create: () => replaceComments,
} satisfies TransformationDefinition;
