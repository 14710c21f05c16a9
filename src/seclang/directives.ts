/**
 * Every directive the parser accepts, with its canonical spelling and how many
 * arguments it takes (ModSecurity v2 reference manual and libmodsecurity v3).
 * Directive names are case-insensitive. The rule directives (SecRule,
 * SecAction, ...) get their own AST nodes; every other one becomes a `Config`
 * node, and the compiler decides which it honours and which it ignores.
 */
export interface DirectiveSpec {
  name: string;
  minArgs: number;
  maxArgs: number;
}

const ANY = Number.POSITIVE_INFINITY;

/** [name, minArgs, maxArgs]; maxArgs defaults to minArgs. */
const TABLE: ReadonlyArray<readonly [string, number, number?]> = [
  // Rules and their management.
  ['SecRule', 2, 3],
  ['SecAction', 1],
  ['SecMarker', 1],
  ['SecDefaultAction', 1],
  ['SecRuleRemoveById', 1, ANY],
  ['SecRuleRemoveByTag', 1],
  ['SecRuleRemoveByMsg', 1],
  ['SecRuleUpdateTargetById', 2, 3],
  ['SecRuleUpdateTargetByTag', 2, 3],
  ['SecRuleUpdateTargetByMsg', 2, 3],
  ['SecRuleUpdateActionById', 2],
  ['SecRuleScript', 1, 2],
  ['SecRuleInheritance', 1],
  ['SecRulePerfTime', 1],
  ['SecRemoteRules', 2, 3],
  ['SecRemoteRulesFailAction', 1],
  ['Include', 1],
  ['IncludeOptional', 1],
  // Engine.
  ['SecRuleEngine', 1],
  ['SecComponentSignature', 1],
  ['SecServerSignature', 1],
  ['SecWebAppId', 1],
  ['SecSensorId', 1],
  ['SecStatusEngine', 1],
  ['SecConnEngine', 1],
  ['SecInterceptOnError', 1],
  ['SecChrootDir', 1],
  ['SecCacheTransformations', 1, 2],
  ['SecDisableBackendCompression', 1],
  ['SecPcreMatchLimit', 1],
  ['SecPcreMatchLimitRecursion', 1],
  ['SecConnReadStateLimit', 1, 2],
  ['SecConnWriteStateLimit', 1, 2],
  ['SecReadStateLimit', 1],
  ['SecWriteStateLimit', 1],
  // Request and response bodies.
  ['SecRequestBodyAccess', 1],
  ['SecRequestBodyLimit', 1],
  ['SecRequestBodyNoFilesLimit', 1],
  ['SecRequestBodyInMemoryLimit', 1],
  ['SecRequestBodyLimitAction', 1],
  ['SecRequestBodyJsonDepthLimit', 1],
  ['SecArgumentsLimit', 1],
  ['SecParseXmlIntoArgs', 1],
  ['SecResponseBodyAccess', 1],
  ['SecResponseBodyMimeType', 1, ANY],
  ['SecResponseBodyMimeTypesClear', 0],
  ['SecResponseBodyLimit', 1],
  ['SecResponseBodyLimitAction', 1],
  ['SecStreamInBodyInspection', 1],
  ['SecStreamOutBodyInspection', 1],
  ['SecContentInjection', 1],
  ['SecXmlExternalEntity', 1],
  ['SecArgumentSeparator', 1],
  ['SecCookieFormat', 1],
  ['SecCookieV0Separator', 1],
  ['SecUnicodeMapFile', 1, 2],
  ['SecUnicodeCodePage', 1],
  // Persistent storage, files and uploads.
  ['SecCollectionTimeout', 1],
  ['SecTmpDir', 1],
  ['SecDataDir', 1],
  ['SecUploadDir', 1],
  ['SecUploadKeepFiles', 1],
  ['SecUploadFileMode', 1],
  ['SecUploadFileLimit', 1],
  ['SecTmpSaveUploadedFiles', 1],
  // Logging.
  ['SecAuditEngine', 1],
  ['SecAuditLog', 1],
  ['SecAuditLog2', 1],
  ['SecAuditLogParts', 1],
  ['SecAuditLogRelevantStatus', 1],
  ['SecAuditLogFormat', 1],
  ['SecAuditLogType', 1],
  ['SecAuditLogStorageDir', 1],
  ['SecAuditLogDirMode', 1],
  ['SecAuditLogFileMode', 1],
  ['SecDebugLog', 1],
  ['SecDebugLogLevel', 1],
  ['SecGuardianLog', 1, 2],
  // Lookups and hashing.
  ['SecHttpBlKey', 1],
  ['SecGeoLookupDb', 1],
  ['SecGsbLookupDb', 1],
  ['SecHashEngine', 1],
  ['SecHashKey', 1, 2],
  ['SecHashParam', 1],
  ['SecHashMethodRx', 2],
  ['SecHashMethodPm', 2],
];

export const KNOWN_DIRECTIVES: readonly DirectiveSpec[] = TABLE.map(([name, minArgs, maxArgs]) => ({
  name,
  minArgs,
  maxArgs: maxArgs ?? minArgs,
}));

const byLowerName = new Map(KNOWN_DIRECTIVES.map((d) => [d.name.toLowerCase(), d]));

/** The spec of a directive name written in any case, or undefined when unknown. */
export function lookupDirective(name: string): DirectiveSpec | undefined {
  return byLowerName.get(name.toLowerCase());
}
