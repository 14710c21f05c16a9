import type { VariableDefinition } from './types.js';
import { NO_ENTRIES } from './types.js';
import { collection, scalar } from './derive.js';

/** Collections that rules write (TX, persistent ones, ENV) and read back. */
const STORES = ['TX', 'ENV', 'IP', 'GLOBAL', 'SESSION', 'USER', 'RESOURCE', 'GEO'];

/** Transaction state: stores, matched values, the current rule. */
export const stateVariables: VariableDefinition[] = [
  ...STORES.map((name): VariableDefinition => ({
    ...collection(name, (tx) => tx.store(name)?.entries() ?? NO_ENTRIES),
    selectKey: (tx, keyLower) => tx.store(name)?.select(keyLower) ?? NO_ENTRIES,
    selectWhere: (tx, selector, accepts) => tx.store(name)?.selectWhere(selector, accepts) ?? NO_ENTRIES,
  })),
  scalar('MATCHED_VAR', (tx) => tx.matchedVar),
  scalar('MATCHED_VAR_NAME', (tx) => tx.matchedVarName),
  collection('MATCHED_VARS', (tx) => tx.matchedVars),
  collection('MATCHED_VARS_NAMES', (tx) => tx.matchedVarsNames()),
  collection('RULE', (tx) => tx.ruleVariable()),
  scalar('HIGHEST_SEVERITY', (tx) => (tx.highestSeverity === null ? '255' : String(tx.highestSeverity))),
  scalar('SESSIONID', (tx) => tx.store('SESSION') ? tx.sessionId : ''),
  scalar('USERID', (tx) => tx.userId),
  scalar('WEBAPPID', (tx) => tx.waf.config.webAppId),
  scalar('MSC_PCRE_LIMITS_EXCEEDED', () => '0'),
  scalar('DURATION', (tx) => String(Math.round((performance.now() - tx.startedAt) * 1000))),
  scalar('MODSEC_BUILD', () => '020907100'),
];
