import { digitsOf, verifyOperator } from './support/verify-match.js';
import type { OperatorDefinition } from './types.js';

/** Luhn mod-10 over the digits of the match (other chars are ignored); no digits is invalid. */
export function luhn(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i]!;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** @verifyCC: a regex match whose digits pass the Luhn check (credit card numbers). */
export default verifyOperator('verifyCC', luhn) satisfies OperatorDefinition;
