export { Waf, type TransactionOptions } from './waf.js';
export { Transaction, type Intervention, type MatchedRule, type ConnectionInfo } from './engine/transaction.js';
export { SecLangError } from './seclang/errors.js';
export type { EngineConfig } from './compiler/config.js';
export type { Diagnostic } from './compiler/compile.js';
