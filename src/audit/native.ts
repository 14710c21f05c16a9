/**
 * The Native (serial) audit log format as ModSecurity v2 writes it (apache2/msc_logging.c):
 * `--<boundary>-A--` opens the entry, every later part starts with a newline and its own
 * `--<boundary>-X--` line, parts come in v2's order A B C I F E H J K, and `--<boundary>-Z--`
 * plus an empty line closes the entry. Bodies are written as they are (binary string).
 */
import { randomBytes } from 'node:crypto';
import type { Entry } from '../variables/types.js';
import { logEscape } from '../engine/log-line.js';
import { statusLine, type AuditRecord, type AuditTrailer } from './record.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Apache's log time, `21/Jan/2021:09:36:29 +0000`, in local time. */
export function apacheLogTime(d: Date): string {
  const off = -d.getTimezoneOffset();
  const abs = Math.abs(off);
  const zone = `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${pad(d.getDate())}/${MONTHS[d.getMonth()]}/${d.getFullYear()}:${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone}`;
}

/** v2 uses 8 random hex digits per entry. */
export function newBoundary(): string {
  return randomBytes(4).toString('hex');
}

function headerLines(headers: readonly Entry[]): string {
  let s = '';
  for (const h of headers) s += `${h.key}: ${h.value}\n`;
  return s;
}

/** `"a", "b".` as v2 lists sanitised names. */
function nameList(names: readonly string[]): string {
  return `${names.map((n) => `"${logEscape(n)}"`).join(', ')}.`;
}

function trailer(t: AuditTrailer, wroteResponseBody: boolean): string {
  let s = '';
  for (const m of t.messages) s += `Message: ${m.text}\n`;
  if (t.interceptedPhase !== null) s += `Action: Intercepted (phase ${t.interceptedPhase})\n`;
  if (t.handler !== null) s += `Apache-Handler: ${t.handler}\n`;
  s += `Stopwatch: ${t.stopwatch.start} ${t.stopwatch.duration} (- - -)\n`;
  if (wroteResponseBody) s += 'Response-Body-Transformed: Dechunked\n';
  s += `Producer: ${[t.producer, ...t.components].join('; ')}.\n`;
  if (t.server !== null) s += `Server: ${t.server}\n`;
  if (t.sanitisedArgs.length) s += `Sanitised-Args: ${nameList(t.sanitisedArgs)}\n`;
  if (t.sanitisedRequestHeaders.length) s += `Sanitised-Request-Headers: ${nameList(t.sanitisedRequestHeaders)}\n`;
  if (t.sanitisedResponseHeaders.length) s += `Sanitised-Response-Headers: ${nameList(t.sanitisedResponseHeaders)}\n`;
  if (t.webApp) {
    const q = (v: string | null): string => (v === null ? '-' : logEscape(v));
    s += `WebApp-Info: "${q(t.webApp.webAppId)}" "${q(t.webApp.sessionId)}" "${q(t.webApp.userId)}"\n`;
  }
  if (t.ruleEngine !== 'Off') s += `Engine-Mode: "${t.ruleEngine === 'DetectionOnly' ? 'DETECTION_ONLY' : 'ENABLED'}"\n`;
  return s;
}

/** One Native entry, ending with the empty line after `--<boundary>-Z--`. */
export function formatNative(r: AuditRecord, boundary = newBoundary()): string {
  const section = (part: string, content: string): string => `\n--${boundary}-${part}--\n${content}`;
  let out = `--${boundary}-A--\n[${apacheLogTime(r.date)}] ${r.uniqueId} ${r.client.addr} ${r.client.port} ${r.server.addr} ${r.server.port}`;
  const req = r.request;
  if (req.headers) out += section('B', `${req.line}\n${headerLines(req.headers)}`);
  if (req.body !== null) out += section('C', req.body);
  if (req.formBody !== null) out += section('I', req.formBody);
  const res = r.response;
  if (res.headers) out += section('F', res.status === null ? '' : `${statusLine(res.protocol, res.status)}\n${headerLines(res.headers)}`);
  // v2 writes E only when it buffered a response body
  const responseBody = res.body ?? '';
  if (responseBody.length) out += section('E', responseBody);
  if (r.trailer) out += section('H', trailer(r.trailer, responseBody.length > 0));
  if (req.files) {
    let j = '';
    let total = 0;
    for (const f of req.files) {
      j += `${f.index},${f.size},"${logEscape(f.filename)}","${logEscape(f.contentType)}"\n`;
      total += f.size;
    }
    out += section('J', `${j}Total,${total}\n`);
  }
  if (r.matchedRules) {
    // v2 prints each matched rule's source text; the engine keeps no rule text, so the rule's
    // identity is written in the error log's field syntax instead.
    let k = '';
    for (const m of r.matchedRules) k += `[file "${logEscape(m.file)}"] [line "${m.line}"] [id "${m.id}"] [phase "${m.phase}"]\n`;
    out += section('K', k);
  }
  return `${out}\n--${boundary}-Z--\n\n`;
}
