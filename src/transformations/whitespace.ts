import { isSpace, NBSP } from './bytes.js';

/** The whitespace of compressWhitespace/removeWhitespace: C `isspace` plus NBSP (0xA0). */
export function isWhitespaceOrNbsp(c: number): boolean {
  return isSpace(c) || c === NBSP;
}

/** A run of that whitespace, for runEnd(). */
export const WHITESPACE_RUN = /[\t-\r \xa0]*/y;
