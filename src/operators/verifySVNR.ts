import { digitsOf, verifyOperator } from './support/verify-match.js';
import type { OperatorDefinition } from './types.js';

const WEIGHTS = [3, 7, 9, 0, 5, 8, 4, 2, 1, 6];

/**
 * Austrian social insurance number (libmodsecurity v3; v2 has no such operator): the first 10
 * digits of the match, check digit at position 4, not all equal nor 0123456789/1234567890. (v3's
 * blacklist loop stops before 8888888888 and 9999999999; they are refused here too.)
 */
export function isSvnr(text: string): boolean {
  const d = digitsOf(text).slice(0, 10);
  if (d.length !== 10) return false;
  const s = d.join('');
  if (s === '0123456789' || s === '1234567890' || /^(\d)\1{9}$/.test(s)) return false;
  const sum = d.reduce((acc, digit, i) => acc + digit * WEIGHTS[i]!, 0) % 11;
  return (sum === 10 ? 0 : sum) === d[3];
}

/** @verifySVNR: a regex match that is a valid Austrian SVNR. */
export default verifyOperator('verifySVNR', isSvnr) satisfies OperatorDefinition;
