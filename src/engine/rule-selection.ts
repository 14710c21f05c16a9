import type { Rule } from '../compiler/program.js';

const UNKNOWN = 0;
const OUT = 1;
const IN = 2;

/**
 * The rules a ctl:ruleRemove* action names (by id ranges, tag or msg). Whether a rule is named
 * depends on the rule alone, so each rule is checked once for the life of the Waf, not once per
 * transaction: CRS 941010 adds ctl:ruleRemoveTargetByTag on every request, and its tag test would
 * otherwise run for each rule of each transaction.
 */
export class RuleSelection {
  /** By Rule.index; sized on first use (a ctl action is compiled before the rule count is known). */
  private verdicts: Uint8Array | null = null;

  constructor(private readonly names: (rule: Rule) => boolean) {}

  /** `ruleCount`: the rule count of the configuration the rule belongs to (Rule.index < ruleCount). */
  has(rule: Rule, ruleCount: number): boolean {
    const verdicts = (this.verdicts ??= new Uint8Array(ruleCount));
    let v = verdicts[rule.index]!;
    if (v === UNKNOWN) verdicts[rule.index] = v = this.names(rule) ? IN : OUT;
    return v === IN;
  }
}
