import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import type { ConfigDirectiveNode } from '../seclang/ast.js';
import type { EngineConfig } from './config.js';
import { parseUnicodeMap } from '../transformations/unicode-map.js';

type Handler = (args: string[], cfg: EngineConfig, node: ConfigDirectiveNode) => void;

function onOff(name: string, v: string | undefined): boolean {
  const l = (v ?? '').toLowerCase();
  if (l !== 'on' && l !== 'off') throw new Error(`${name} expects On or Off, got '${v ?? ''}'`);
  return l === 'on';
}

function count(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new Error(`${name} expects a number, got '${v ?? ''}'`);
  return n;
}

function oneOf<T extends string>(name: string, v: string | undefined, options: readonly T[]): T {
  const hit = options.find((o) => o.toLowerCase() === (v ?? '').toLowerCase());
  if (!hit) throw new Error(`${name} expects one of ${options.join(', ')}, got '${v ?? ''}'`);
  return hit;
}

/** Configuration directives that change engine settings. */
const handlers: Record<string, Handler> = {
  SecRuleEngine: (a, c) => { c.ruleEngine = oneOf('SecRuleEngine', a[0], ['On', 'Off', 'DetectionOnly'] as const); },
  SecRequestBodyAccess: (a, c) => { c.requestBodyAccess = onOff('SecRequestBodyAccess', a[0]); },
  SecRequestBodyLimit: (a, c) => { c.requestBodyLimit = count('SecRequestBodyLimit', a[0]); },
  SecRequestBodyNoFilesLimit: (a, c) => { c.requestBodyNoFilesLimit = count('SecRequestBodyNoFilesLimit', a[0]); },
  SecRequestBodyLimitAction: (a, c) => { c.requestBodyLimitAction = oneOf('SecRequestBodyLimitAction', a[0], ['Reject', 'ProcessPartial'] as const); },
  SecRequestBodyJsonDepthLimit: (a, c) => { c.jsonDepthLimit = count('SecRequestBodyJsonDepthLimit', a[0]); },
  SecArgumentsLimit: (a, c) => { c.argumentsLimit = count('SecArgumentsLimit', a[0]); },
  SecResponseBodyAccess: (a, c) => { c.responseBodyAccess = onOff('SecResponseBodyAccess', a[0]); },
  SecResponseBodyMimeType: (a, c) => { for (const t of a.join(' ').split(/\s+/)) if (t) c.responseBodyMimeTypes.add(t.toLowerCase()); },
  SecResponseBodyMimeTypesClear: (_a, c) => { c.responseBodyMimeTypes.clear(); },
  SecResponseBodyLimit: (a, c) => { c.responseBodyLimit = count('SecResponseBodyLimit', a[0]); },
  SecResponseBodyLimitAction: (a, c) => { c.responseBodyLimitAction = oneOf('SecResponseBodyLimitAction', a[0], ['Reject', 'ProcessPartial'] as const); },
  SecArgumentSeparator: (a, c) => {
    if (!a[0] || a[0].length !== 1) throw new Error(`SecArgumentSeparator expects one character, got '${a[0] ?? ''}'`);
    c.argumentSeparator = a[0];
  },
  SecCookieFormat: (a, c) => { c.cookieFormat = oneOf('SecCookieFormat', a[0], ['0', '1'] as const) === '1' ? 1 : 0; },
  SecUnicodeMapFile: (a, c, node) => {
    if (!a[0]) throw new Error('SecUnicodeMapFile expects a file and a code page');
    const file = resolve(dirname(node.pos.file), a[0]);
    c.unicodeMap = parseUnicodeMap(readFileSync(file, 'latin1'), count('SecUnicodeMapFile code page', a[1] ?? '20127'));
  },
  SecAuditEngine: (a, c) => { c.auditEngine = oneOf('SecAuditEngine', a[0], ['On', 'Off', 'RelevantOnly'] as const); },
  SecAuditLog: (a, c, node) => { c.auditLog = a[0] ? resolve(dirname(node.pos.file), a[0]) : null; },
  SecAuditLogParts: (a, c) => {
    if (!a[0] || !/^[A-KZ]+$/.test(a[0])) throw new Error(`SecAuditLogParts: invalid parts '${a[0] ?? ''}'`);
    c.auditLogParts = a[0];
  },
  SecAuditLogRelevantStatus: (a, c) => { c.auditLogRelevantStatus = a[0] ?? null; },
  SecAuditLogFormat: (a, c) => { c.auditLogFormat = oneOf('SecAuditLogFormat', a[0], ['Native', 'JSON'] as const); },
  SecAuditLogType: (a, c) => { c.auditLogType = oneOf('SecAuditLogType', a[0], ['Serial', 'Concurrent', 'HTTPS'] as const); },
  SecComponentSignature: (a, c) => { if (a[0]) c.componentSignatures.push(a[0]); },
  SecCollectionTimeout: (a, c) => { c.collectionTimeout = count('SecCollectionTimeout', a[0]); },
  SecWebAppId: (a, c) => { c.webAppId = a[0] ?? 'default'; },
};

/**
 * Directives accepted for compatibility that change nothing in an in-process engine: they concern
 * the web server, files on disk, or debug output. Listed in the README.
 */
export const IGNORED_DIRECTIVES = [
  'SecTmpDir', 'SecDataDir', 'SecUploadDir', 'SecUploadKeepFiles', 'SecUploadFileMode', 'SecUploadFileLimit',
  'SecTmpSaveUploadedFiles', 'SecStatusEngine', 'SecPcreMatchLimit', 'SecPcreMatchLimitRecursion',
  'SecDebugLog', 'SecDebugLogLevel', 'SecAuditLog2', 'SecAuditLogStorageDir', 'SecAuditLogDirMode',
  'SecAuditLogFileMode', 'SecServerSignature', 'SecSensorId', 'SecRequestBodyInMemoryLimit',
  'SecUnicodeCodePage', 'SecHttpBlKey', 'SecGeoLookupDb', 'SecGsbLookupDb', 'SecConnEngine',
  'SecContentInjection', 'SecStreamOutBodyInspection', 'SecStreamInBodyInspection', 'SecHashEngine',
  'SecHashKey', 'SecHashParam', 'SecHashMethodRx', 'SecHashMethodPm', 'SecXmlExternalEntity',
  'SecInterceptOnError', 'SecRuleInheritance', 'SecRulePerfTime', 'SecRemoteRules',
  'SecRemoteRulesFailAction', 'SecChrootDir', 'SecGuardianLog', 'SecCacheTransformations',
  'SecDisableBackendCompression', 'SecReadStateLimit', 'SecWriteStateLimit', 'SecConnReadStateLimit',
  'SecConnWriteStateLimit', 'SecCookieV0Separator', 'SecResponseBodyInMemoryLimit',
];
const ignored = new Set(IGNORED_DIRECTIVES.map((d) => d.toLowerCase()));
const byLower = new Map(Object.entries(handlers).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * Applies a configuration directive. Returns false when the directive is ignored (no effect here);
 * throws on a malformed argument.
 */
export function applyConfigDirective(node: ConfigDirectiveNode, cfg: EngineConfig): boolean {
  const lower = node.name.toLowerCase();
  const handler = byLower.get(lower);
  if (handler) {
    handler(node.args, cfg, node);
    return true;
  }
  if (ignored.has(lower)) return false;
  throw new Error(`directive ${node.name} is not supported`);
}
