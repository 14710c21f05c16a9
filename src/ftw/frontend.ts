/**
 * What the web server in front of the WAF does to a request before the WAF sees it. The CRS
 * expectations are those of Apache httpd 2.4 + ModSecurity v2 (httpd-overrides.yaml has two
 * entries), so the default profile emulates the httpd behaviours that decide judged tests;
 * `none` hands the WAF the request exactly as sent.
 */
import type { FtwRequest, HeaderList } from './request.js';

export type ServerProfile = 'apache' | 'none';

const lower = (s: string): string => s.toLowerCase();

/** HTTP/1.1 chunked decoding as a server does it; `ok` is false for a malformed or cut body. */
export function dechunk(buf: Buffer): { ok: boolean; body: Buffer } {
  const out: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos, 'latin1');
    if (eol === -1) return { ok: false, body: Buffer.concat(out) };
    const sizeStr = buf.subarray(pos, eol).toString('latin1').split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeStr)) return { ok: false, body: Buffer.concat(out) };
    const size = parseInt(sizeStr, 16);
    pos = eol + 2;
    if (size === 0) return { ok: true, body: Buffer.concat(out) };
    out.push(buf.subarray(pos, pos + size));
    pos += size + 2;
    if (pos > buf.length) return { ok: false, body: Buffer.concat(out) };
  }
}

/** The bytes of what was sent that a server takes as the body (chunked, else Content-Length, else none). */
export function frameBody(headers: HeaderList, sent: Buffer, notes: string[] = []): Buffer {
  const te = headers.find(([n]) => lower(n) === 'transfer-encoding');
  const cls = headers.filter(([n]) => lower(n) === 'content-length');
  if (te && /chunked/i.test(te[1])) {
    if (cls.length) notes.push('both Transfer-Encoding: chunked and Content-Length sent; body de-chunked');
    const d = dechunk(sent);
    if (!d.ok) notes.push('malformed chunked body; decoded prefix used');
    return d.body;
  }
  const cl = cls[0];
  if (cl) {
    if (cls.length > 1) notes.push('several Content-Length headers; first used');
    const n = Number(cl[1].trim());
    if (!Number.isInteger(n) || n < 0) {
      notes.push(`invalid Content-Length ${JSON.stringify(cl[1])}; whole data used as body`);
      return sent;
    }
    if (n < sent.length) {
      notes.push(`Content-Length ${n} < ${sent.length} bytes sent; body truncated to Content-Length`);
      return sent.subarray(0, n);
    }
    if (n > sent.length) notes.push(`Content-Length ${n} > ${sent.length} bytes sent (a server would wait for more); sent bytes used`);
    return sent;
  }
  if (sent.length) notes.push(`${sent.length} body bytes sent without Content-Length or chunked encoding; a server reads no body, so none is passed`);
  return Buffer.alloc(0);
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Apply the front end's rewrites to `req` in place and return why httpd's default
 * `HttpProtocolOptions Strict` answers 400 itself (the WAF never runs), if it does.
 */
export function frontEnd(req: FtwRequest, profile: ServerProfile, notes: string[] = []): string | undefined {
  if (profile === 'none') return undefined;
  // A request line without a protocol is an HTTP/0.9 request.
  if (req.version === '') {
    req.version = 'HTTP/0.9';
    notes.push('server: request line without version taken as HTTP/0.9');
  }
  // RFC 9112 6.3: Transfer-Encoding overrides Content-Length, and httpd drops the latter.
  const te = req.headers.find(([n]) => lower(n) === 'transfer-encoding');
  if (te && /chunked/i.test(te[1]) && req.headers.some(([n]) => lower(n) === 'content-length')) {
    req.headers = req.headers.filter(([n]) => lower(n) !== 'content-length');
    notes.push('server: Content-Length dropped because Transfer-Encoding: chunked is present (httpd)');
  }
  // httpd merges repeated fields into one, comma-separated (apr_table_compress ... MERGE).
  const merged: HeaderList = [];
  const index = new Map<string, [string, string]>();
  for (const [n, v] of req.headers) {
    const first = index.get(lower(n));
    if (first) {
      first[1] += ', ' + v;
      notes.push(`server: repeated header ${n} merged into one field (httpd)`);
    } else {
      const h: [string, string] = [n, v];
      index.set(lower(n), h);
      merged.push(h);
    }
  }
  req.headers = merged;
  for (const [n, v] of req.headers) {
    if (!TOKEN.test(n)) return `header name ${JSON.stringify(n)} is not a token`;
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(v)) return `control character in the value of header ${n}`;
  }
  if (!/^HTTP\/[0-9]\.[0-9]$/.test(req.version)) return `protocol ${JSON.stringify(req.version)} is not HTTP/d.d`;
  if (/[\x00-\x20\x7f]/.test(req.uri)) return 'space or control character in the request target';
  if (!TOKEN.test(req.method)) return `method ${JSON.stringify(req.method)} is not a token`;
  return undefined;
}
