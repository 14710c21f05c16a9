import { readFileSync } from 'node:fs';
import type { Waf } from '../waf.js';
import type { Intervention, Transaction } from '../engine/transaction.js';

/**
 * One request of the JSON-lines format shared with ../shared/corpus and the libmodsecurity
 * harness (modsec-eval). Strings are already turned into binary strings (UTF-8 bytes, one char per byte).
 */
export interface JsonlRequest {
  id: string;
  method: string;
  uri: string;
  /** without `HTTP/` */
  version: string;
  headers: Array<[string, string]>;
  body: string | null;
  remoteAddr: string;
  remotePort: number;
  serverAddr: string;
  serverPort: number;
  response: { status: number; headers: Array<[string, string]>; body: string | null };
  /** corpus metadata, when present */
  expect?: string;
  category?: string;
}

const bin = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

function headerPairs(h: unknown): Array<[string, string]> {
  if (Array.isArray(h)) return h.map((p) => [bin(String(p[0])), bin(String(p[1]))]);
  if (h && typeof h === 'object') return Object.entries(h).map(([k, v]) => [bin(k), bin(String(v))]);
  return [];
}

function bodyOf(o: { body?: unknown; body_b64?: unknown }): string | null {
  if (typeof o.body_b64 === 'string') return Buffer.from(o.body_b64, 'base64').toString('latin1');
  if (typeof o.body === 'string') return bin(o.body);
  return null;
}

/** Parses one JSON line as modsec-eval does (defaults, `HTTP/` stripped, Content-Length added). */
export function parseRequestLine(line: string, n: number): JsonlRequest {
  const o = JSON.parse(line) as Record<string, unknown>;
  const headers = headerPairs(o.headers);
  const body = bodyOf(o as { body?: unknown; body_b64?: unknown });
  if (body !== null && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) {
    headers.push(['Content-Length', String(body.length)]);
  }
  const version = typeof o.version === 'string' ? o.version : 'HTTP/1.1';
  const r = (o.response ?? null) as Record<string, unknown> | null;
  return {
    id: typeof o.id === 'string' ? o.id : o.id !== undefined ? JSON.stringify(o.id) : `line-${n}`,
    method: bin(typeof o.method === 'string' ? o.method : 'GET'),
    uri: bin(typeof o.uri === 'string' ? o.uri : '/'),
    version: bin(version.startsWith('HTTP/') ? version.slice(5) : version),
    headers,
    body,
    remoteAddr: typeof o.remote_addr === 'string' ? o.remote_addr : '127.0.0.1',
    remotePort: typeof o.remote_port === 'number' ? o.remote_port : 40000,
    serverAddr: typeof o.server_addr === 'string' ? o.server_addr : '127.0.0.1',
    serverPort: typeof o.server_port === 'number' ? o.server_port : 80,
    response: r
      ? { status: typeof r.status === 'number' ? r.status : 200, headers: headerPairs(r.headers), body: bodyOf(r) }
      : { status: 200, headers: [['Content-Length', '0']], body: null },
    ...(typeof o.expect === 'string' ? { expect: o.expect } : {}),
    ...(typeof o.category === 'string' ? { category: o.category } : {}),
  };
}

export function readRequests(path: string): Array<JsonlRequest | { id: string; error: string }> {
  const out: Array<JsonlRequest | { id: string; error: string }> = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(parseRequestLine(line, i + 1));
    } catch (e) {
      out.push({ id: `line-${i + 1}`, error: e instanceof Error ? e.message : String(e) });
    }
  });
  return out;
}

/**
 * Runs one request through a transaction the way modsec-eval drives libmodsecurity: every phase in
 * order, stopping the request and response steps at a disruptive intervention, always logging.
 */
export function runRequest(waf: Waf, r: JsonlRequest): Transaction {
  const tx = waf.transaction({ remoteAddr: r.remoteAddr, remotePort: r.remotePort, serverAddr: r.serverAddr, serverPort: r.serverPort });
  const stopped = (i: Intervention | null) => i !== null && i.disruptive;
  const steps: Array<() => Intervention | null> = [
    () => tx.processUri(r.uri, r.method, r.version),
    () => {
      for (const [k, v] of r.headers) tx.addRequestHeader(k, v);
      return tx.processRequestHeaders();
    },
    () => (r.body !== null ? tx.appendRequestBody(r.body) : null),
    () => tx.processRequestBody(),
    () => {
      for (const [k, v] of r.response.headers) tx.addResponseHeader(k, v);
      return tx.processResponseHeaders(r.response.status, 'HTTP 1.1');
    },
    () => (r.response.body !== null ? tx.appendResponseBody(r.response.body) : null),
    () => tx.processResponseBody(),
  ];
  for (const step of steps) if (stopped(step())) break;
  tx.processLogging();
  return tx;
}

/** The result line of `portcullis eval`, in modsec-eval's shape. */
export function resultOf(id: string, tx: Transaction, logLines: boolean): Record<string, unknown> {
  const matched: number[] = [];
  for (const m of tx.matchedRules()) if (m.logged && !matched.includes(m.id)) matched.push(m.id);
  const i = tx.intervention();
  return {
    id,
    matched,
    intervention: i && i.disruptive ? { status: i.status, disruptive: true, phase: i.phase, ...(i.url ? { url: i.url } : {}) } : null,
    ...(logLines ? { log: tx.logLines().map((l) => Buffer.from(l, 'latin1').toString('utf8')) } : {}),
  };
}
