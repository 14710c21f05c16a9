import { digitsOf, verifyOperator } from './support/verify-match.js';
import type { OperatorDefinition } from './types.js';

/** Brazilian CPF: the first 11 digits of the match, with both check digits right and not all equal (nor 01234567890). */
export function isCpf(text: string): boolean {
  const d = digitsOf(text).slice(0, 11);
  if (d.length !== 11) return false;
  const s = d.join('');
  if (s === '01234567890' || /^(\d)\1{10}$/.test(s)) return false;
  const check = (n: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d[i]! * (n + 1 - i);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return check(9) === d[9] && check(10) === d[10];
}

/** @verifyCPF: a regex match that is a valid CPF number. */
export default verifyOperator('verifyCPF', isCpf) satisfies OperatorDefinition;
