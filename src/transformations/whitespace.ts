import { isSpace, NBSP } from './bytes.js';

/**
 * The whitespace of compressWhitespace/removeWhitespace, by byte: C `isspace` plus NBSP (0xA0).
 * A table: the loops over long values read it for about half what the comparisons cost.
 */
export const WHITESPACE_OR_NBSP = new Uint8Array(256);
for (let c = 0; c < 256; c++) WHITESPACE_OR_NBSP[c] = isSpace(c) || c === NBSP ? 1 : 0;

/** A run of that whitespace, for runEnd(). */
export const WHITESPACE_RUN = /[\t-\r \xa0]*/y;
