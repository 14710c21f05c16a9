import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Intervention } from '../index.js';

/** The response that carries out an intervention, or 'drop' to close the connection without one. */
export interface InterventionResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function interventionResponse(i: Intervention): InterventionResponse | 'drop' {
  if (i.action === 'drop') return 'drop';
  if (i.action === 'redirect' && i.url) {
    return { status: i.status, headers: { location: i.url, 'content-length': '0' }, body: '' };
  }
  // deny, and proxy (which needs a reverse proxy this host does not have): answer with the status
  const status = Number.isInteger(i.status) && i.status >= 200 && i.status <= 599 ? i.status : 403;
  const body = `${status} ${STATUS_CODES[status] ?? 'Blocked'}\n`;
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' },
    body,
  };
}

/** The original writeHead/end of a response whose methods the WAF wrapped. */
export type RawMethod = (this: ServerResponse, ...args: unknown[]) => unknown;
export interface RawWriter {
  writeHead: RawMethod;
  end: RawMethod;
}

/**
 * Answers on the WAF's behalf, replacing whatever headers the application set. `closeConnection`
 * when the request body was not read to its end: the rest of it must not be parsed as a next request.
 * Returns the status sent, or null for a dropped connection.
 */
export function sendIntervention(res: ServerResponse, i: Intervention, closeConnection: boolean, writer: RawWriter = res as unknown as RawWriter): number | null {
  const out = interventionResponse(i);
  if (out === 'drop' || res.headersSent) {
    res.socket?.destroy();
    return null;
  }
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  const headers: Record<string, string> = closeConnection ? { ...out.headers, connection: 'close' } : out.headers;
  writer.writeHead.call(res, out.status, headers);
  writer.end.call(res, out.body);
  return out.status;
}

/** What an internal error turns into when the WAF fails closed. */
export const INTERNAL_ERROR: Intervention = { status: 500, disruptive: true, phase: 0, ruleId: 0, action: 'deny' };
