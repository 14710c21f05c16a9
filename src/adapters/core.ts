import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Intervention, MatchedRule, Transaction, Waf } from '../index.js';
import { binary } from './binary.js';

/** One matched rule that wrote a log entry, with the request it matched in. */
export interface WafLogEntry {
  id: number;
  msg: string;
  data: string;
  severity: number | null;
  tags: string[];
  phase: number;
  variable: string;
  file: string;
  line: number;
  uniqueId: string;
  client: string;
  method: string;
  uri: string;
  /** the transaction's disruptive outcome, if any (the same for every entry of a transaction) */
  intervention: Intervention | null;
}

/** What happened to one request, reported once when the exchange is over. */
export interface WafTransactionSummary {
  uniqueId: string;
  client: string;
  method: string;
  uri: string;
  /** status the client received (the deny status when the WAF intervened), null when the connection was dropped */
  status: number | null;
  intervention: Intervention | null;
  matched: MatchedRule[];
  /** ModSecurity error-log lines */
  logLines: string[];
  durationMs: number;
}

export interface ProtectOptions {
  waf: Waf;
  /** On an internal WAF error: true (default) lets the request through, false answers 500. */
  failOpen?: boolean;
  /** Called for each matched rule that logged, when the exchange is over. */
  onLog?: (entry: WafLogEntry) => void;
  /** Called once per inspected exchange, when it is over. */
  onTransaction?: (summary: WafTransactionSummary) => void;
  /** Internal errors (default: console.error). */
  onError?: (error: unknown, req: IncomingMessage) => void;
  /** Client address for REMOTE_ADDR (default: the socket's peer address), e.g. from a trusted proxy header. */
  clientAddress?: (req: IncomingMessage) => string | undefined;
  /**
   * When the request body was already read by someone else (a body parser mounted before the WAF),
   * it cannot be inspected: 'warn' (default) warns once and inspects the request without its body,
   * 'deny' answers 500.
   */
  consumedBody?: 'warn' | 'deny';
  /**
   * Build the rule set's lazily built parts in the background (Waf.warm) as the handler is made,
   * so that the first requests do not pay for them (default true).
   */
  warm?: boolean;
}

export interface ResolvedOptions {
  waf: Waf;
  failOpen: boolean;
  onLog: ((entry: WafLogEntry) => void) | undefined;
  onTransaction: ((summary: WafTransactionSummary) => void) | undefined;
  onError: (error: unknown, req: IncomingMessage) => void;
  clientAddress: ((req: IncomingMessage) => string | undefined) | undefined;
  consumedBody: 'warn' | 'deny';
  /** whether the consumed-body warning was printed for this handler */
  warned: boolean;
}

export function resolveOptions(options: ProtectOptions): ResolvedOptions {
  if (!options?.waf) throw new TypeError('portcullis: options.waf is required');
  if (options.warm !== false) options.waf.warm().catch((error: unknown) => console.error('[portcullis] warming the rule set failed', error));
  return {
    waf: options.waf,
    failOpen: options.failOpen ?? true,
    onLog: options.onLog,
    onTransaction: options.onTransaction,
    onError: options.onError ?? ((error) => console.error('[portcullis] internal error, request', options.failOpen === false ? 'denied' : 'allowed', error)),
    clientAddress: options.clientAddress,
    consumedBody: options.consumedBody ?? 'warn',
    warned: false,
  };
}

/** How the response body is handled after phase 3. */
export type ResponseBodyMode = 'pass' | 'observe' | 'hold';

/**
 * One request/response exchange inspected by a transaction: the framework-neutral part every
 * adapter shares (feeding the request line, headers and bodies, limits, phase 5 and logging).
 */
export class Exchange {
  readonly tx: Transaction;
  readonly client: string;
  private requestBytes = 0;
  private responseBytes = 0;
  private finished = false;
  /** status actually sent; set by the adapter when it answers on the WAF's behalf (null: dropped) */
  sentStatus: number | null | undefined;
  /** inspection abandoned after an internal error (fail-open) */
  broken = false;
  /** the WAF answered this request itself; later hooks leave it alone */
  refused = false;
  /** the request announced a body (chunked or a non-zero Content-Length); known after start() */
  private bodyAnnounced = false;
  private responseContentType = '';
  private responseContentEncoding = '';

  constructor(
    readonly options: ResolvedOptions,
    readonly req: IncomingMessage,
    private readonly uri: string,
  ) {
    const socket = req.socket;
    this.client = stripMapped(options.clientAddress?.(req) ?? socket?.remoteAddress ?? '');
    this.tx = options.waf.transaction({
      remoteAddr: this.client,
      remotePort: socket?.remotePort ?? 0,
      serverAddr: stripMapped(socket?.localAddress ?? ''),
      serverPort: socket?.localPort ?? 0,
    });
  }

  /** Request line and headers, phase 1. */
  start(): Intervention | null {
    const { tx, req } = this;
    tx.processUri(binary(this.uri), binary(req.method ?? 'GET'), req.httpVersion || '1.1');
    // The headers the adapter needs are picked up here rather than from req.headers, which Node
    // builds (lower-casing every name) on first use only.
    let contentType = '';
    let announced = false;
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      const value = raw[i + 1]!;
      // HTTP/2 compatibility requests list pseudo-headers (:path...), which are not headers in HTTP/1 terms
      if (name.charCodeAt(0) === 58) continue;
      tx.addRequestHeader(binary(name), binary(value));
      if (name.length === 12 && contentType === '' && name.toLowerCase() === 'content-type') contentType = value;
      else if (name.length === 14 && value !== '0' && name.toLowerCase() === 'content-length') announced = true;
      else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') announced = true;
    }
    this.bodyAnnounced = announced;
    const intervention = tx.processRequestHeaders();
    // SecRequestBodyNoFilesLimit bounds every body but the file parts of multipart ones; those are
    // left to SecRequestBodyLimit here, as the no-files share is only known after parsing.
    if (!/^\s*multipart\//i.test(contentType)) {
      tx.limits.requestBodyLimit = Math.min(tx.limits.requestBodyLimit, this.options.waf.config.requestBodyNoFilesLimit);
    }
    return disruptive(intervention);
  }

  /** Whether the request body must be read and inspected before the application sees it. */
  wantsRequestBody(): boolean {
    return this.tx.ruleEngine !== 'Off' && this.tx.requestBodyAccess && this.bodyAnnounced;
  }

  /** Feeds request body bytes; true once inspection must stop reading (an intervention or the limit passed). */
  feedRequestBody(chunk: Buffer): boolean {
    this.requestBytes += chunk.length;
    const intervention = this.tx.appendRequestBody(chunk);
    return Boolean(intervention?.disruptive) || this.requestBytes > this.tx.limits.requestBodyLimit;
  }

  /** Phase 2. */
  endRequestBody(): Intervention | null {
    return disruptive(this.tx.processRequestBody());
  }

  /** One response header, before responseHeaders(). */
  responseHeader(name: string, value: string): void {
    if (name.length === 12 && name.toLowerCase() === 'content-type') this.responseContentType = value;
    else if (name.length === 16 && name.toLowerCase() === 'content-encoding') this.responseContentEncoding = value.trim().toLowerCase();
    this.tx.addResponseHeader(binary(name), binary(value));
  }

  /** Phase 3 over the status and the headers given, and how the response body is to be handled. */
  responseHeaders(status: number): { intervention: Intervention | null; body: ResponseBodyMode } {
    const tx = this.tx;
    const intervention = disruptive(tx.processResponseHeaders(status, `HTTP/${this.req.httpVersion || '1.1'}`));
    const mime = this.responseContentType.split(';')[0]!.trim().toLowerCase();
    const encoding = this.responseContentEncoding;
    // A compressed body's bytes say nothing to the rules, so it is not inspected.
    const inspect = tx.ruleEngine !== 'Off' && tx.responseBodyAccess && this.options.waf.config.responseBodyMimeTypes.has(mime) &&
      (encoding === '' || encoding === 'identity');
    // Only an enforcing engine needs to hold the body back; detection-only inspects a copy.
    return { intervention, body: !inspect ? 'pass' : tx.ruleEngine === 'On' ? 'hold' : 'observe' };
  }

  /** Feeds response body bytes; true once holding must stop (an intervention or the limit passed). */
  feedResponseBody(chunk: Buffer): boolean {
    this.responseBytes += chunk.length;
    const intervention = this.tx.appendResponseBody(chunk);
    return Boolean(intervention?.disruptive) || this.responseBytes > this.tx.limits.responseBodyLimit;
  }

  /** Phase 4. */
  endResponseBody(): Intervention | null {
    return disruptive(this.tx.processResponseBody());
  }

  /** Runs finish() when the response is over, sent or dropped. */
  finishOnClose(res: ServerResponse): void {
    res.once('close', () => this.finish(res.statusCode));
  }

  /** Phase 5 and the logging hooks; runs once, when the exchange is over. */
  finish(status: number | null): void {
    if (this.finished) return;
    this.finished = true;
    const { tx, options: opts } = this;
    try {
      tx.processLogging();
      if (!opts.onLog && !opts.onTransaction) return;
      const intervention = disruptive(tx.intervention());
      const base = { uniqueId: tx.uniqueId, client: this.client, method: tx.method, uri: tx.uri };
      if (opts.onLog) {
        for (const m of tx.matchedRules()) {
          if (m.logged) opts.onLog({ ...base, id: m.id, msg: m.msg, data: m.data, severity: m.severity, tags: m.tags, phase: m.phase, variable: m.variable, file: m.file, line: m.line, intervention });
        }
      }
      opts.onTransaction?.({
        ...base,
        status: this.sentStatus !== undefined ? this.sentStatus : status,
        intervention,
        matched: tx.matchedRules(),
        logLines: tx.logLines(),
        durationMs: performance.now() - tx.startedAt,
      });
    } catch (error) {
      opts.onError(error, this.req);
    }
  }
}

function disruptive(i: Intervention | null): Intervention | null {
  return i?.disruptive ? i : null;
}

function stripMapped(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * Whether something read the request body before the WAF: a stream that ended or flows, or the
 * marks body-parser and similar libraries leave on the request.
 */
export function bodyAlreadyConsumed(req: IncomingMessage): boolean {
  const r = req as IncomingMessage & { _body?: unknown; body?: unknown };
  return req.readableEnded || req.readableFlowing === true || r._body === true || (r.body !== undefined && req.complete && req.readableLength === 0);
}
