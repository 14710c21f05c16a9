/** Engine settings read from configuration directives (SecRuleEngine, SecRequestBodyLimit...). */

export type RuleEngineMode = 'On' | 'Off' | 'DetectionOnly';
export type AuditEngineMode = 'On' | 'Off' | 'RelevantOnly';

export interface EngineConfig {
  ruleEngine: RuleEngineMode;
  requestBodyAccess: boolean;
  requestBodyLimit: number;
  requestBodyNoFilesLimit: number;
  requestBodyLimitAction: 'Reject' | 'ProcessPartial';
  jsonDepthLimit: number;
  argumentsLimit: number;
  responseBodyAccess: boolean;
  responseBodyMimeTypes: Set<string>;
  responseBodyLimit: number;
  responseBodyLimitAction: 'Reject' | 'ProcessPartial';
  argumentSeparator: string;
  cookieFormat: 0 | 1;
  unicodeMap: Map<number, number> | null;
  auditEngine: AuditEngineMode;
  auditLog: string | null;
  auditLogParts: string;
  auditLogRelevantStatus: string | null;
  auditLogFormat: 'Native' | 'JSON';
  auditLogType: 'Serial' | 'Concurrent' | 'HTTPS';
  componentSignatures: string[];
  collectionTimeout: number;
  webAppId: string;
}

/** ModSecurity v2's defaults for a configuration that does not set them. */
export function defaultConfig(): EngineConfig {
  return {
    ruleEngine: 'Off',
    requestBodyAccess: false,
    requestBodyLimit: 134217728,
    requestBodyNoFilesLimit: 1048576,
    requestBodyLimitAction: 'Reject',
    jsonDepthLimit: 10000,
    argumentsLimit: 1000,
    responseBodyAccess: false,
    responseBodyMimeTypes: new Set(['text/plain', 'text/html']),
    responseBodyLimit: 524288,
    responseBodyLimitAction: 'Reject',
    argumentSeparator: '&',
    cookieFormat: 0,
    unicodeMap: null,
    auditEngine: 'Off',
    auditLog: null,
    auditLogParts: 'ABCFHZ',
    auditLogRelevantStatus: null,
    auditLogFormat: 'Native',
    auditLogType: 'Serial',
    componentSignatures: [],
    collectionTimeout: 3600,
    webAppId: 'default',
  };
}
