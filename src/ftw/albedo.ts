/**
 * The CRS CI backend, albedo: `POST /reflect` with a JSON body `{status, headers, body |
 * encodedBody}` answers with exactly that response. The RESPONSE-95x tests rely on it to put a
 * chosen response through phases 3 and 4.
 */
import { detectContentType, utf8Binary } from './gocompat.js';
import type { HeaderList } from './request.js';

export interface FtwResponse {
  status: number;
  /** Binary strings, in the order albedo writes them. */
  headers: HeaderList;
  body: Buffer;
}

/** What a backend answers to any other request in the in-process runner: an empty 200. */
export const EMPTY_RESPONSE: Readonly<FtwResponse> = Object.freeze({ status: 200, headers: [['Content-Length', '0']] as HeaderList, body: Buffer.alloc(0) });

export function reflectResponse(method: string, uri: string, body: Buffer, notes: string[] = []): FtwResponse | undefined {
  const path = uri.split('?')[0];
  if (method !== 'POST' || !(path === '/reflect' || path === '/reflect/')) return undefined;
  notes.push('albedo /reflect response emulated');
  let spec: unknown;
  try {
    spec = JSON.parse(body.toString('utf8'));
  } catch {
    notes.push('/reflect body is not JSON: albedo answers 400');
    const msg = 'Invalid JSON in request body';
    return { status: 400, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(msg.length)]], body: Buffer.from(msg, 'latin1') };
  }
  const s = (typeof spec === 'object' && spec !== null ? spec : {}) as { status?: unknown; headers?: unknown; body?: unknown; encodedBody?: unknown };
  const headers: HeaderList = [];
  let hasContentType = false;
  if (typeof s.headers === 'object' && s.headers !== null) {
    for (const [k, v] of Object.entries(s.headers)) {
      headers.push([utf8Binary(k), utf8Binary(String(v))]);
      if (k.toLowerCase() === 'content-type') hasContentType = true;
    }
  }
  const status = typeof s.status === 'number' && Number.isInteger(s.status) && s.status > 0 ? s.status : 200;
  let rbody = Buffer.alloc(0);
  if (typeof s.body === 'string' && s.body !== '') rbody = Buffer.from(s.body, 'utf8');
  else if (typeof s.encodedBody === 'string' && s.encodedBody !== '') rbody = Buffer.from(s.encodedBody, 'base64');
  // Go's net/http sniffs a Content-Type when the handler sets none, and frames with Content-Length.
  if (rbody.length && !hasContentType) headers.push(['Content-Type', detectContentType(rbody)]);
  headers.push(['Content-Length', String(rbody.length)]);
  return { status, headers, body: rbody };
}
