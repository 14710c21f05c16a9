import type { Rule, TxPreset } from '../program.js';
import { KeyedStore } from '../../engine/store.js';
import { TxState, decide, guardEntry, write } from './constant-guards.js';
import { intern } from '../../engine/intern.js';

/**
 * Replaces the run of phase-1 rules that set up TX from constants with its outcome. CRS starts
 * every request with some thirty such rules (crs-setup's SecActions, then REQUEST-901's
 * `SecRule &TX:x "@eq 0" "setvar:tx.x=default"` and the anomaly-score initialisation): some sixty
 * TX writes that come out the same for every request. When TX is still empty where the run starts,
 * their outcome is known at load time: the TX entries, the chains that matched (for the log and the
 * audit log) and MATCHED_VAR. The engine copies it instead of running the rules
 * (Transaction.applyTxPreset) and falls back to running them when TX is not empty there, or when a
 * ctl has removed rules or targets.
 *
 * A rule belongs to the run when its outcome follows from TX alone (a SecAction, or a test of one
 * TX variable against a constant: constant-guards.ts decides it over the concrete TX) and, when it
 * matches, all it does is set TX variables from constants and TX, without logging, capturing or
 * deleting: a pass with metadata, maybe a skip. The run starts at the first such rule that writes TX.
 */
export function txPreset(rules: readonly Rule[]): TxPreset | null {
  let start = 0;
  while (start < rules.length && !(decide(rules[start]!, TxState.empty()) === true && writesOnly(rules[start]!) && rules[start]!.actions.length !== 0)) start++;
  let state = TxState.empty();
  const records: Array<Rule | string> = [];
  let matchedVar: { name: string; value: string } | null = null;
  let severity: number | null = null;
  let auditlog = false;
  let i = start;
  while (i < rules.length) {
    const rule = rules[i]!;
    const outcome = decide(rule, state);
    if (outcome === undefined) break;
    if (outcome === false) {
      i++;
      continue;
    }
    if (!writesOnly(rule)) break;
    const after = state.clone();
    for (const a of rule.actions) write(a.txWrite!, after, true);
    if (after.knownEntries() === null) break;
    if (rule.hasOperator) matchedVar = guardEntry(rule, state)!;
    state = after;
    // what Transaction.onChainMatched keeps of a chain that matched
    records.push(rule, rule.hasOperator ? matchedVar!.name : '', rule.msg?.constant ?? '', rule.logdata?.constant ?? '');
    if (rule.severity !== null && (severity === null || rule.severity < severity)) severity = rule.severity;
    auditlog ||= rule.auditlog;
    i = rule.skipAfter !== null ? rule.skipAfterIndex : i + 1 + rule.skip;
  }
  if (records.length === 0) return null;
  const store = new KeyedStore();
  for (const e of state.knownEntries()!) store.set(intern(e.key), e.value, intern(e.key.toLowerCase()));
  return { start, end: i, store, records, matchedVar, severity, auditlog };
}

/** Whether a rule, when it matches, does nothing but set TX variables (no delete), pass and maybe skip. */
function writesOnly(rule: Rule): boolean {
  if (rule.chain !== null || rule.log || rule.capture) return false;
  if (rule.disruptive !== null && rule.disruptive.kind !== 'pass') return false;
  if ((rule.msg !== null && rule.msg.constant === null) || (rule.logdata !== null && rule.logdata.constant === null)) return false;
  return rule.actions.every((a) => a.txWrite !== undefined && a.txWrite.op !== 'delete');
}
