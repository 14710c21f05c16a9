import { isAlnum } from './support/ctype.js';
import { stringOperator } from './support/string-operator.js';
import type { OperatorDefinition } from './types.js';

/** Word characters for v2's boundary test: apr_isalnum() or '_'. */
const isWordChar = (c: number): boolean => isAlnum(c) || c === 0x5f;

/**
 * @containsWord: the parameter occurs in the value with a non-word char (or the value's edge) on
 * both sides; an empty parameter always matches.
 */
function containsWord(value: string, word: string): boolean {
  if (word.length === 0) return true;
  for (let at = value.indexOf(word); at >= 0; at = value.indexOf(word, at + 1)) {
    const before = at === 0 || !isWordChar(value.charCodeAt(at - 1));
    const end = at + word.length;
    const after = end === value.length || !isWordChar(value.charCodeAt(end));
    if (before && after) return true;
  }
  return false;
}

export default stringOperator('containsWord', containsWord) satisfies OperatorDefinition;
