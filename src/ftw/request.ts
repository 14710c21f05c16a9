/**
 * The request a go-ftw v2.3.0 stage sends, and the request the WAF behind an Apache httpd front
 * end then sees. Strings are binary strings (the UTF-8 bytes of the YAML text, one char per byte).
 *
 * go-ftw rules reproduced (ftwhttp.BuildRequest):
 * - defaults: method GET, uri `/`, version `HTTP/1.1`; headers sorted by name in byte order;
 * - `data` sent verbatim after the `{{ "x" | repeat N }}` template pass;
 * - autocomplete (default on; `stop_magic` is the legacy inverse): with data, add
 *   `Content-Type: application/x-www-form-urlencoded` when absent and, when that is the
 *   Content-Type and the data has neither `+` nor `%`, QueryEscape each key and value;
 *   add `Connection: close`, and `Content-Length` when absent and there is data or the method
 *   matches Go's `^POST|PUT|PATCH|DELETE$`;
 * - a multipart/form-data Content-Type turns every LF of data into CRLF (autocomplete or not);
 * - `encoded_request`: base64 of raw bytes sent as they are.
 */
import { applyTemplate, queryEscape, utf8Binary } from './gocompat.js';
import { frontEnd, frameBody, type ServerProfile } from './frontend.js';
import { reflectResponse, type FtwResponse } from './albedo.js';
import { asBool, asInt, asString, isYamlMap, type YamlMap } from './load.js';

export type HeaderList = Array<[string, string]>;

/** A request as the WAF is handed it. */
export interface FtwRequest {
  method: string;
  uri: string;
  /** As on the request line, e.g. `HTTP/1.1` (or `HTTP/0.9` once the front end filled it in). */
  version: string;
  headers: HeaderList;
  body: Buffer;
}

export interface BuiltStage {
  /** The bytes go-ftw writes to the socket. */
  raw: Buffer;
  /** What the WAF sees after the front end (framing, header merging, HTTP/0.9). */
  request: FtwRequest;
  /** The albedo backend's answer, for `POST /reflect`. */
  response?: FtwResponse;
  /** Why httpd (HttpProtocolOptions Strict) answers 400 before the WAF runs, if it does. */
  serverRejects?: string;
  /** Where go-ftw would connect (for an HTTP runner). */
  dest: { addr?: string; port?: number; protocol?: string };
  /** Harness rewrites worth knowing when a test fails. */
  notes: string[];
  /** Inputs not emulated; a test with any is not run. */
  unsupported: string[];
}

const lower = (s: string): string => s.toLowerCase();
const FORM = 'application/x-www-form-urlencoded';

/** go-ftw encodeDataParameters: only when url.QueryUnescape(data) == data, i.e. no '+' or '%'. */
export function encodeFormData(data: string): string {
  if (data === '' || data.includes('+') || data.includes('%')) return data;
  return data
    .split('&')
    .map((token) => {
      const eq = token.indexOf('=');
      return eq === -1 ? queryEscape(token) : `${queryEscape(token.slice(0, eq))}=${queryEscape(token.slice(eq + 1))}`;
    })
    .join('&');
}

/** go-ftw's request from the structured input fields: request line parts, headers in send order, data. */
export function buildGoFtwRequest(input: YamlMap, notes: string[] = [], unsupported: string[] = []): { method: string; uri: string; version: string; headers: HeaderList; data: string } {
  const method = utf8Binary(asString(input.method) ?? 'GET');
  const uri = utf8Binary(asString(input.uri) ?? '/');
  const version = utf8Binary(asString(input.version) ?? 'HTTP/1.1');

  let headers: HeaderList = [];
  if (Array.isArray(input.ordered_headers)) {
    // ftw-tests-schema's ordered form: sent as listed.
    for (const h of input.ordered_headers) if (isYamlMap(h)) headers.push([utf8Binary(asString(h.name) ?? ''), utf8Binary(asString(h.value) ?? '')]);
  } else if (isYamlMap(input.headers)) {
    headers = Object.entries(input.headers).map(([n, v]) => [utf8Binary(n), utf8Binary(asString(v) ?? '')] as [string, string]);
    // Go sort.Strings: byte order, which binary strings compare in.
    headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  const autocomplete = asBool(input.autocomplete_headers) ?? !(asBool(input.stop_magic) ?? false);

  let data = '';
  if (Array.isArray(input.data)) {
    // ftw v1 list form; go-ftw v2 takes a string only. Joining with CRLF is an assumption.
    data = utf8Binary(input.data.map((d) => asString(d) ?? '').join('\r\n'));
    notes.push('data given as a list: joined with CRLF (legacy ftw behaviour)');
  } else if (typeof input.data === 'string') {
    const t = applyTemplate(input.data);
    if (!t.ok) unsupported.push('data uses a Go template construct that is not emulated');
    if (t.value !== input.data) notes.push('Go template in data expanded');
    data = utf8Binary(t.value);
  } else if (typeof input.encoded_data === 'string' && input.encoded_data !== '') {
    data = Buffer.from(input.encoded_data, 'base64').toString('latin1');
  }

  const has = (name: string): boolean => headers.some(([n]) => lower(n) === name);
  if (data !== '' && autocomplete) {
    if (!has('content-type')) {
      headers.push(['Content-Type', FORM]);
      notes.push(`Content-Type: ${FORM} added (go-ftw autocomplete)`);
    }
    if (headers.some(([n, v]) => lower(n) === 'content-type' && lower(v) === FORM)) {
      const enc = encodeFormData(data);
      if (enc !== data) notes.push('form data URL-encoded (go-ftw autocomplete)');
      data = enc;
    }
  }
  if (headers.some(([n, v]) => lower(n) === 'content-type' && lower(v).includes('multipart/form-data;'))) {
    const crlf = data.split('\n').join('\r\n');
    if (crlf !== data) notes.push('multipart: LF replaced by CRLF (go-ftw)');
    data = crlf;
  }
  if (autocomplete) {
    if (!has('connection')) headers.push(['Connection', 'close']);
    if (!has('content-length') && (data !== '' || /^POST|PUT|PATCH|DELETE$/.test(method))) headers.push(['Content-Length', String(data.length)]);
  }
  return { method, uri, version, headers, data };
}

/** Serialise like go-ftw: `METHOD URI VERSION\r\n`, `Name: value\r\n` each, `\r\n`, data. */
export function serializeRequest(method: string, uri: string, version: string, headers: HeaderList, data: string): Buffer {
  let head = `${method} ${uri} ${version}\r\n`;
  for (const [n, v] of headers) head += `${n}: ${v}\r\n`;
  return Buffer.from(head + '\r\n' + data, 'latin1');
}

/** Split raw request bytes into request line, headers (split at the first ':', OWS trimmed) and body. */
export function parseRawRequest(raw: Buffer, notes: string[] = []): { method: string; uri: string; version: string; headers: HeaderList; body: Buffer } {
  let headEnd = raw.indexOf('\r\n\r\n', 0, 'latin1');
  let sepLen = 4;
  const lfEnd = raw.indexOf('\n\n', 0, 'latin1');
  if (headEnd === -1 || (lfEnd !== -1 && lfEnd < headEnd)) {
    headEnd = lfEnd;
    sepLen = 2;
  }
  let head: string;
  let body: Buffer;
  if (headEnd === -1) {
    head = raw.toString('latin1');
    body = Buffer.alloc(0);
    notes.push('raw request has no end of headers');
  } else {
    head = raw.subarray(0, headEnd).toString('latin1');
    body = raw.subarray(headEnd + sepLen);
  }
  const lines = head.split(/\r?\n/);
  const reqLine = lines.shift() ?? '';
  const sp1 = reqLine.indexOf(' ');
  const sp2 = reqLine.lastIndexOf(' ');
  let method = reqLine;
  let uri = '';
  let version = '';
  if (sp1 !== -1) {
    method = reqLine.slice(0, sp1);
    uri = sp2 === sp1 ? reqLine.slice(sp1 + 1) : reqLine.slice(sp1 + 1, sp2);
    version = sp2 === sp1 ? '' : reqLine.slice(sp2 + 1);
  }
  const headers: HeaderList = [];
  for (const l of lines) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(l) && last) {
      last[1] += ' ' + l.trim();
      notes.push('obsolete header folding joined');
      continue;
    }
    const c = l.indexOf(':');
    if (c === -1) {
      notes.push(`header line without colon dropped: ${JSON.stringify(l)}`);
      continue;
    }
    headers.push([l.slice(0, c), l.slice(c + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }
  return { method, uri, version, headers, body };
}

/** Everything a runner needs for one stage `input`. */
export function buildStage(input: YamlMap, opts: { server?: ServerProfile } = {}): BuiltStage {
  const notes: string[] = [];
  const unsupported: string[] = [];
  if (asBool(input.follow_redirect)) unsupported.push('follow_redirect needs the previous response');
  if (input.raw_request !== undefined) unsupported.push('raw_request (ftw v1 field) is not read by go-ftw v2');
  if (asBool(input.virtual_host_mode)) notes.push('virtual_host_mode ignored');

  let raw: Buffer;
  let parsed: ReturnType<typeof parseRawRequest>;
  const encoded = asString(input.encoded_request);
  if (encoded) {
    raw = Buffer.from(encoded.replace(/\s+/g, ''), 'base64');
    notes.push('encoded_request parsed');
    parsed = parseRawRequest(raw, notes);
  } else {
    const b = buildGoFtwRequest(input, notes, unsupported);
    raw = serializeRequest(b.method, b.uri, b.version, b.headers, b.data);
    parsed = { method: b.method, uri: b.uri, version: b.version, headers: b.headers, body: Buffer.from(b.data, 'latin1') };
  }
  const request: FtwRequest = {
    method: parsed.method,
    uri: parsed.uri,
    version: parsed.version,
    headers: parsed.headers,
    body: frameBody(parsed.headers, parsed.body, notes),
  };
  const serverRejects = frontEnd(request, opts.server ?? 'apache', notes);
  const response = reflectResponse(request.method, request.uri, request.body, notes);

  const built: BuiltStage = {
    raw,
    request,
    dest: { addr: asString(input.dest_addr), port: asInt(input.port), protocol: asString(input.protocol) },
    notes,
    unsupported,
  };
  if (response) built.response = response;
  if (serverRejects) built.serverRejects = serverRejects;
  return built;
}
