/**
 * The JSON audit log format with the keys, nesting and order libmodsecurity 3 writes
 * (Transaction::toJSON), one object per line. Differences from 3.0.9, on purpose: component
 * signatures carry no stray quote, messages carry their rule tags, and the request body is written
 * for part C or I (3.0.9 drops it for I). Strings are binary strings: bytes 0x80-0xFF are left
 * as they are (the file is written byte for byte), so UTF-8 request data stays UTF-8 as with yajl.
 * Like libmodsecurity, a header that occurs twice is written as two keys of the same object.
 */
import { createHash } from 'node:crypto';
import { hostname, type } from 'node:os';
import type { RuleEngineMode } from '../compiler/config.js';
import type { Entry } from '../variables/types.js';
import type { AuditRecord } from './record.js';

export interface JsonFormatOptions {
  /** producer.connector (libmodsecurity: the connector's name and version); default '' */
  connector?: string;
  /** server_id; default a SHA-1 of the host name, stable per machine as libmodsecurity's */
  serverId?: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ENGINE_STATE: Record<RuleEngineMode, string> = { On: 'Enabled', Off: 'Disabled', DetectionOnly: 'DetectionOnly' };

let defaultServerId: string | null = null;

/** C's asctime() without the newline, local time: `Sun Nov  9 15:13:54 2026`. */
export function ascTime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

const str = (s: string): string => JSON.stringify(s);

function object(fields: Array<[string, string]>): string {
  return `{${fields.map(([k, v]) => `${str(k)}:${v}`).join(',')}}`;
}

function headers(list: readonly Entry[]): string {
  return object(list.map((h) => [h.key, str(h.value)]));
}

/** yajl writes the version as a number token (`1.1`, `2.0`); anything else stays a string. */
function versionToken(v: string): string {
  return /^\d+(?:\.\d+)?$/.test(v) ? v : str(v);
}

/** One JSON entry followed by a newline. */
export function formatJson(r: AuditRecord, options: JsonFormatOptions = {}): string {
  const serverId = options.serverId ?? (defaultServerId ??= createHash('sha1').update(hostname()).digest('hex'));
  const req = r.request;
  const request: Array<[string, string]> = [
    ['method', str(req.method || '-')],
    ['http_version', versionToken(req.httpVersion)],
    ['uri', str(req.uri)],
  ];
  if (r.parts.includes('C') || r.parts.includes('I')) request.push(['body', str(req.body ?? req.formBody ?? '')]);
  if (req.headers) request.push(['headers', headers(req.headers)]);

  const res = r.response;
  const response: Array<[string, string]> = [];
  if (res.body !== null) response.push(['body', str(res.body)]);
  response.push(['http_code', String(res.status ?? 200)]);
  if (res.headers) response.push(['headers', headers(res.headers)]);

  const tx: Array<[string, string]> = [
    ['client_ip', str(r.client.addr)],
    ['time_stamp', str(ascTime(r.date))],
    ['server_id', str(serverId)],
    ['client_port', String(r.client.port)],
    ['host_ip', str(r.server.addr)],
    ['host_port', String(r.server.port)],
    ['unique_id', str(r.uniqueId)],
    ['request', object(request)],
    ['response', object(response)],
  ];
  const t = r.trailer;
  if (t) {
    tx.push(['producer', object([
      ['modsecurity', str(`${t.producer} (${type()})`)],
      ['connector', str(options.connector ?? '')],
      ['secrules_engine', str(ENGINE_STATE[t.ruleEngine])],
      ['components', `[${t.components.map(str).join(',')}]`],
    ])]);
    const messages = t.messages.filter((m) => m.ruleId !== null).map((m) => object([
      ['message', str(m.msg)],
      ['details', object([
        ['match', str(m.match)],
        ['reference', str('')],
        ['ruleId', str(String(m.ruleId))],
        ['file', str(m.file)],
        ['lineNumber', str(m.lineNumber)],
        ['data', str(m.data)],
        ['severity', str(m.severity)],
        ['ver', str(m.ver)],
        ['rev', str(m.rev)],
        ['tags', `[${m.tags.map(str).join(',')}]`],
        ['maturity', str(m.maturity)],
        ['accuracy', str(m.accuracy)],
      ])],
    ]));
    tx.push(['messages', `[${messages.join(',')}]`]);
  }
  return `${object([['transaction', object(tx)]])}\n`;
}
