import type { OperatorDefinition } from '../types.js';
import { macroParam } from './macro-param.js';
import { isDigit, isSpace } from './ctype.js';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);


/**
 * glibc atoi(): `(int) strtol(s, NULL, 10)`. Leading whitespace and one sign are accepted, parsing
 * stops at the first non-digit, no digits gives 0; strtol clamps to the 64-bit long range and the
 * cast to int keeps the low 32 bits. ModSecurity v2's @eq/@gt/@ge/@lt/@le use it on both sides.
 */
export function atoi(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  const start = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i === start) return 0;
  if (i - start <= 9) {
    const n = Number(s.slice(start, i));
    return negative ? -n : n;
  }
  let n = BigInt(s.slice(start, i));
  if (negative) n = -n;
  if (n > INT64_MAX) n = INT64_MAX;
  if (n < INT64_MIN) n = INT64_MIN;
  return Number(BigInt.asIntN(32, n));
}

/** @eq/@ge/@gt/@le/@lt: `compare(atoi(value), atoi(param))`. */
export function numericOperator(name: string, compare: (left: number, right: number) => boolean): OperatorDefinition {
  return {
    name,
    create(param, env) {
      const macro = env.macro(param);
      if (macro.constant !== null) {
        const right = atoi(macro.constant);
        return { evaluate: (value) => compare(atoi(value), right) };
      }
      const resolve = macroParam(env, param);
      return { evaluate: (value, ctx) => compare(atoi(value), atoi(resolve(ctx.scope))) };
    },
  };
}
