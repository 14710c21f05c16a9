import { digitsOf, verifyOperator } from './support/verify-match.js';
import type { OperatorDefinition } from './types.js';

/**
 * US SSN as v2 checks it: exactly 9 digits, not all sequential or all repeated, no zero area,
 * group or serial, area below 740 and not 666.
 */
export function isSsn(text: string): boolean {
  const d = digitsOf(text);
  if (d.length !== 9) return false;
  let sequential = 0;
  let repeated = 0;
  for (let i = 0; i < 8; i++) {
    if (d[i] === d[i + 1]! - 1) sequential++;
    if (d[i] === d[i + 1]) repeated++;
  }
  if (sequential === 8 || repeated === 8) return false;
  const area = d[0]! * 100 + d[1]! * 10 + d[2]!;
  const group = d[3]! * 10 + d[4]!;
  const serial = d[5]! * 1000 + d[6]! * 100 + d[7]! * 10 + d[8]!;
  if (area === 0 || group === 0 || serial === 0) return false;
  return area < 740 && area !== 666;
}

/** @verifySSN: a regex match that is a plausible US social security number. */
export default verifyOperator('verifySSN', isSsn) satisfies OperatorDefinition;
