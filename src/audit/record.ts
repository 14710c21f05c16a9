/**
 * The data of one audit log entry, per part (SecAuditLogParts), taken from a finished
 * transaction with the sanitise* masks applied. The Native and JSON writers only format it.
 *
 * Part C keeps the whole request body, multipart file contents included (v2 does the same when
 * it buffers the body in memory). Part I is part C for non-multipart bodies, and for multipart
 * the form fields re-encoded as `name=value&...` with the files left out, as v2 writes it.
 * Parts D and G are reserved and carry nothing.
 */
import { STATUS_CODES } from 'node:http';
import type { Transaction, MatchedRule } from '../engine/transaction.js';
import type { RuleEngineMode } from '../compiler/config.js';
import type { Entry } from '../variables/types.js';
import { urlEncode } from '../transformations/urlEncode.js';
import { parseLogLine, type AuditMessage } from './messages.js';
import { resolveSanitise, mask, maskBody, maskQuery, type SanitiseSet } from './sanitise.js';

export const PRODUCER = 'portcullis';

export interface AuditUpload {
  /** 1-based position of the file among the request's parts, as v2 numbers them */
  index: number;
  filename: string;
  size: number;
  contentType: string;
}

export interface AuditTrailer {
  messages: AuditMessage[];
  /** the phase of a disruptive intervention ("Action: Intercepted (phase N)"), else null */
  interceptedPhase: number | null;
  /** Apache-Handler; null omits it */
  handler: string | null;
  /** microseconds since the epoch at transaction start, and the transaction's duration */
  stopwatch: { start: number; duration: number };
  producer: string;
  /** SecComponentSignature values */
  components: string[];
  /** Server (the server software); null omits it */
  server: string | null;
  ruleEngine: RuleEngineMode;
  sanitisedArgs: string[];
  sanitisedRequestHeaders: string[];
  sanitisedResponseHeaders: string[];
  /** WebApp-Info, written when SecWebAppId is not "default" or a session/user id was set */
  webApp: { webAppId: string; sessionId: string | null; userId: string | null } | null;
}

export interface AuditRecord {
  /** the parts the entry holds, in SecAuditLogParts letters (A and Z always included) */
  parts: string;
  // part A
  date: Date;
  uniqueId: string;
  client: { addr: string; port: number };
  server: { addr: string; port: number };
  request: {
    /** sanitised; '' when the transaction never got a request line */
    line: string;
    method: string;
    /** sanitised */
    uri: string;
    protocol: string;
    /** `1.1` from `HTTP/1.1` */
    httpVersion: string;
    /** part B */
    headers: Entry[] | null;
    /** part C (or I for a non-multipart body): the body as read, null when not logged or not read */
    body: string | null;
    /** part I for a multipart body: the form fields URL-encoded, files removed */
    formBody: string | null;
    /** part J: uploaded files of a multipart body */
    files: AuditUpload[] | null;
  };
  response: {
    protocol: string;
    /** the status sent: the intervention's when one stopped the request, else the response's */
    status: number | null;
    /** part F */
    headers: Entry[] | null;
    /** part E: the buffered response body ('' when none was buffered) */
    body: string | null;
  };
  /** part H */
  trailer: AuditTrailer | null;
  /** part K */
  matchedRules: MatchedRule[] | null;
}

export interface AuditRecordOptions {
  /** Server line of part H (e.g. "Apache/2.4.58"); default `Node.js/<version>` */
  server?: string | null;
  /** Apache-Handler line of part H; default none */
  handler?: string | null;
}

/** The status v2 logs and matches SecAuditLogRelevantStatus against. */
export function effectiveStatus(tx: Transaction): number | null {
  const i = tx.intervention();
  return i?.disruptive ? i.status : tx.responseStatus;
}

/** `HTTP/1.1 403 Forbidden` as Apache writes the status line. */
export function statusLine(protocol: string, status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${protocol} ${status} ${reason}` : `${protocol} ${status}`;
}

function maskHeaders(headers: readonly Entry[], names: ReadonlySet<string>): Entry[] {
  return headers.map((h) => (names.has(h.key.toLowerCase()) ? { key: h.key, value: mask(h.value) } : { key: h.key, value: h.value }));
}

/** Normalises a parts spec to the letters v2 knows, A and Z always present. */
export function normaliseParts(parts: string): string {
  let out = 'A';
  for (const p of parts.toUpperCase()) if (p >= 'B' && p <= 'K' && !out.includes(p)) out += p;
  return `${out}Z`;
}

function formBody(tx: Transaction, set: SanitiseSet): string {
  return (tx.multipart?.args ?? [])
    .map(([name, value]) => `${urlEncode(name)}=${set.args.has(name.toLowerCase()) ? mask(value) : urlEncode(value)}`)
    .join('&');
}

function uploads(tx: Transaction): AuditUpload[] {
  const mp = tx.multipart;
  if (!mp) return [];
  // partNames lists every part in order, files included: number files by their part position.
  const out: AuditUpload[] = [];
  let fileIndex = 0;
  mp.partNames.forEach((name, i) => {
    const f = mp.files[fileIndex];
    if (!f || f.name !== name) return;
    fileIndex++;
    const header = mp.partHeaders.filter(([n]) => n === name).map(([, h]) => h).find((h) => /^content-type:/i.test(h));
    out.push({ index: i + 1, filename: f.filename, size: f.size, contentType: header ? header.replace(/^content-type:\s*/i, '') : '<Unknown ContentType>' });
  });
  return out;
}

export function buildAuditRecord(tx: Transaction, partsSpec: string, options: AuditRecordOptions = {}): AuditRecord {
  const parts = normaliseParts(partsSpec);
  const has = (p: string): boolean => parts.includes(p);
  const set = resolveSanitise(tx);
  const sep = tx.waf.config.argumentSeparator;
  const multipart = tx.multipart !== null;
  const bodyRead = tx.requestBodyAccess && tx.requestBody.length > 0;
  const startMicros = tx.startDate.getTime() * 1000;

  const intervention = tx.intervention();
  const config = tx.waf.config;
  return {
    parts,
    date: tx.startDate,
    uniqueId: tx.uniqueId,
    client: { addr: tx.conn.remoteAddr, port: tx.conn.remotePort },
    server: { addr: tx.conn.serverAddr, port: tx.conn.serverPort },
    request: {
      line: maskQuery(tx.requestLine, sep, set.args),
      method: tx.method,
      uri: maskQuery(tx.uri, sep, set.args),
      protocol: tx.protocol,
      httpVersion: tx.protocol.replace(/^HTTP\//i, ''),
      headers: has('B') ? maskHeaders(tx.requestHeaders, set.requestHeaders) : null,
      body: (has('C') || (has('I') && !multipart)) && bodyRead ? maskBody(tx, tx.requestBody, set) : null,
      formBody: has('I') && multipart && bodyRead ? formBody(tx, set) : null,
      files: has('J') && multipart ? uploads(tx) : null,
    },
    response: {
      protocol: tx.responseProtocol ?? tx.protocol,
      status: effectiveStatus(tx),
      headers: has('F') ? maskHeaders(tx.responseHeaders, set.responseHeaders) : null,
      body: has('E') ? tx.responseBody : null,
    },
    trailer: has('H')
      ? {
        messages: tx.logLines().map(parseLogLine),
        interceptedPhase: intervention?.disruptive ? intervention.phase : null,
        handler: options.handler ?? null,
        stopwatch: { start: startMicros, duration: Math.round((performance.now() - tx.startedAt) * 1000) },
        producer: PRODUCER,
        components: [...config.componentSignatures],
        server: options.server === undefined ? `Node.js/${process.versions.node}` : options.server,
        ruleEngine: tx.ruleEngine,
        sanitisedArgs: set.argNames,
        sanitisedRequestHeaders: set.requestHeaderNames,
        sanitisedResponseHeaders: set.responseHeaderNames,
        webApp: config.webAppId !== 'default' || tx.sessionId || tx.userId
          ? { webAppId: config.webAppId, sessionId: tx.sessionId || null, userId: tx.userId || null }
          : null,
      }
      : null,
    matchedRules: has('K') ? [...tx.matchedRules()] : null,
  };
}
