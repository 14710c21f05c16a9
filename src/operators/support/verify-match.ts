import { compileRegex } from '../../compiler/regex.js';
import type { OperatorDefinition } from '../types.js';
import { isDigit } from './ctype.js';

/**
 * @verifyCC / @verifyCPF / @verifySSN / @verifySVNR: the parameter is a regex (compiled with
 * DOTALL | MULTILINE as v2 does); each match is checked by `verify` and, when it fails, the search
 * resumes one char after that match's start. v2 runs PCRE with NOTEMPTY; an empty match here is
 * skipped the same way, which differs from PCRE only for patterns whose empty alternative could
 * be replaced by a non-empty one at the same offset. With capture, v2 sets TX.0..TX.n (n = the
 * number of groups) all to the whole match.
 */
export function verifyOperator(name: string, verify: (match: string) => boolean): OperatorDefinition {
  return {
    name,
    create(param) {
      const re = compileRegex(param, { multiline: true });
      return {
        evaluate(value, ctx) {
          const utf8 = re.engine === 're2' ? ctx.utf8() : undefined;
          for (let from = 0; from < value.length; ) {
            const m = re.execFrom(value, from, utf8);
            if (m === null) return false;
            const text = value.slice(m.index, m.end);
            if (text.length > 0 && verify(text)) {
              if (ctx.captures) {
                for (let i = 0; i < 10; i++) ctx.captures[i] = i < m.groups.length ? text : '';
              }
              return true;
            }
            from = m.index + 1;
          }
          return false;
        },
      };
    },
  };
}

/** The decimal digits of a string, as numbers. */
export function digitsOf(text: string): number[] {
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) digits.push(c - 0x30);
  }
  return digits;
}
