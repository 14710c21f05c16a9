/**
 * The part of the engine's public API the ftw runner uses. Declared here, not imported, so the
 * runner builds while the engine is written in parallel; the real `Waf` (src/index.ts) satisfies
 * it structurally. All strings are binary strings (one char per byte).
 */

export interface FtwIntervention {
  status: number;
  disruptive: boolean;
  phase: number;
  ruleId?: number;
  url?: string;
}

/** Only what the runner reads; the engine's MatchedRule has more. */
export interface FtwMatchedRule {
  id: number;
  phase: number;
  msg?: string;
  /** False for `nolog` rules: they matched but wrote no error-log line. */
  logged: boolean;
}

export interface FtwConnection {
  remoteAddr: string;
  remotePort?: number;
  serverAddr?: string;
  serverPort?: number;
}

type Step = FtwIntervention | null | undefined | void;

export interface FtwTransaction {
  processUri(uri: string, method: string, httpVersion: string): Step;
  addRequestHeader(name: string, value: string): void;
  processRequestHeaders(): Step;
  appendRequestBody(chunk: Uint8Array | string): unknown;
  processRequestBody(): Step;
  addResponseHeader(name: string, value: string): void;
  processResponseHeaders(status: number, protocol: string): Step;
  appendResponseBody(chunk: Uint8Array | string): unknown;
  processResponseBody(): Step;
  processLogging(): Step;
  intervention(): FtwIntervention | null;
  matchedRules(): FtwMatchedRule[];
  /** ModSecurity error-log lines of the rules that logged (`[id "N"]`, `[msg "..."]`, ...). */
  logLines(): string[];
}

export interface FtwWaf {
  transaction(conn: FtwConnection): FtwTransaction;
}

/** How the runner obtains an engine: `Waf.fromFile` of src/index.ts fits. */
export type FtwWafLoader = (confPath: string) => Promise<FtwWaf>;
