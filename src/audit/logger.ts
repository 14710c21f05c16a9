/**
 * SecAuditEngine / SecAuditLog: decides after phase 5 whether a transaction goes to the audit
 * log and appends its entry in the configured format.
 */
import { appendFileSync } from 'node:fs';
import type { EngineConfig } from '../compiler/config.js';
import type { Transaction } from '../engine/transaction.js';
import { compileRegex, type CompiledRegex } from '../compiler/regex.js';
import { buildAuditRecord, effectiveStatus, type AuditRecord, type AuditRecordOptions } from './record.js';
import { formatNative } from './native.js';
import { formatJson, type JsonFormatOptions } from './json.js';

/** Receives each complete entry: a binary string (one char per byte), newline-terminated. */
export interface AuditWriter {
  write(entry: string): void;
}

export interface AuditLoggerOptions extends AuditRecordOptions, JsonFormatOptions {
  /** where entries go instead of the SecAuditLog file (tests, hosts shipping logs elsewhere) */
  write?: AuditWriter['write'];
}

export type AuditLogger = (tx: Transaction) => void;

/**
 * ModSecurity's relevance rule for SecAuditEngine RelevantOnly: a rule with `auditlog` matched,
 * or the status sent (the intervention's when one stopped the request) matches
 * SecAuditLogRelevantStatus.
 */
export function isAuditRelevant(tx: Transaction, relevantStatus: CompiledRegex | null): boolean {
  if (tx.auditRelevant) return true;
  const status = effectiveStatus(tx);
  return relevantStatus !== null && status !== null && relevantStatus.test(String(status));
}

/** Appends synchronously, so entries land whole and in order and survive a crash right after. */
function fileWriter(path: string): AuditWriter['write'] {
  return (entry) => appendFileSync(path, Buffer.from(entry, 'latin1'));
}

/**
 * The audit logger for a configuration, or null when nothing is to be logged (SecAuditEngine
 * Off, or neither SecAuditLog nor `options.write`). The logger honours the transaction's own
 * auditEngine and auditLogParts (ctl:auditEngine, ctl:auditLogParts) and never throws: the first
 * failure is reported on console.error, later ones are dropped silently.
 */
export function createAuditLogger(config: EngineConfig, options: AuditLoggerOptions = {}): AuditLogger | null {
  if (config.auditEngine === 'Off') return null;
  const write = options.write ?? (config.auditLog ? fileWriter(config.auditLog) : null);
  if (!write) return null;
  const relevantStatus = config.auditLogRelevantStatus ? compileRegex(config.auditLogRelevantStatus) : null;
  const format = config.auditLogFormat === 'JSON' ? (r: AuditRecord) => formatJson(r, options) : (r: AuditRecord) => formatNative(r);
  let reported = false;
  // Concurrent and HTTPS SecAuditLogType are written like Serial: one file, entries appended.
  return (tx) => {
    try {
      if (tx.auditEngine === 'Off' || tx.requestLine === '') return;
      if (tx.auditEngine === 'RelevantOnly' && !isAuditRelevant(tx, relevantStatus)) return;
      write(format(buildAuditRecord(tx, tx.auditLogParts, options)));
    } catch (e) {
      if (!reported) {
        reported = true;
        console.error(`portcullis: audit log: ${(e as Error).message}`);
      }
    }
  };
}
