import type { PhaseProgram, Rule } from '../program.js';
import { clausesCost, requiredLiterals } from './required-literals.js';
import { LiteralFilter } from './literal-filter.js';

/**
 * Filters with more than this estimated chance of letting a benign value through are not worth
 * their scan (see literalCost).
 */
const USEFUL_FILTER = 0.25;

/**
 * A static @rx that no RE2.Set group decides (a multiMatch one, which tests every intermediate
 * value of its chain) gets the required-literal test of its pattern (required-literals.ts) before
 * its regex: one Aho–Corasick scan rules out most values without entering re2. The test only
 * rules out values the regex cannot match, so answers, negation and captures are unchanged.
 */
export function prefilterLoneRegexes(phases: readonly PhaseProgram[]): void {
  for (const phase of phases) {
    for (const starter of phase?.rules ?? []) {
      for (let rule: Rule | null = starter; rule; rule = rule.chain) {
        const regex = rule.operator.regex;
        if (regex?.re2Source === undefined || rule.regexSet !== null) continue;
        const source = regex.re2Source;
        const operator = rule.operator;
        // built on first use, as the group prefilters are: working out literals costs load time
        let filter: LiteralFilter | null | undefined;
        const scratch = new Int32Array(1);
        rule.operator = {
          regex,
          evaluate(value, ctx) {
            if (filter === undefined) filter = literalFilter(source);
            return (filter === null || filter.candidates(value, scratch) !== 0) && operator.evaluate(value, ctx);
          },
        };
      }
    }
  }
}

function literalFilter(re2Source: string): LiteralFilter | null {
  const required = requiredLiterals(re2Source);
  return required !== null && clausesCost(required) < USEFUL_FILTER ? new LiteralFilter([required]) : null;
}
