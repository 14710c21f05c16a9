import { request as httpRequest, type Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { Waf } from '../../src/index.js';

/** Rules shared by the adapter tests; each test adds the engine settings it needs. */
export const RULES = String.raw`
SecRule ARGS "@rx (?i)union\s+select" "id:1001,phase:2,deny,status:403,log,msg:'SQL injection',tag:'attack-sqli',severity:2"
SecRule REQUEST_HEADERS:X-Attack "@streq 1" "id:1002,phase:1,deny,status:403,log,msg:'header attack'"
SecRule REQUEST_FILENAME "@beginsWith /old" "id:1003,phase:1,redirect:/new,log"
SecRule REQUEST_FILENAME "@beginsWith /drop" "id:1004,phase:1,drop,log"
SecRule REQUEST_BODY "@contains EVIL" "id:1005,phase:2,deny,status:403,log,msg:'evil body'"
SecRule RESPONSE_BODY "@contains SECRET-LEAK" "id:1006,phase:4,deny,status:403,log,msg:'leak'"
SecRule RESPONSE_HEADERS:X-Leak "@streq yes" "id:1007,phase:3,deny,status:403,log,msg:'leaky header'"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:1008,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"
`;

export function makeWaf(settings = '', rules = RULES): Waf {
  return Waf.fromStringSync(`SecRuleEngine On\nSecRequestBodyAccess On\nSecResponseBodyAccess On\n${settings}\n${rules}`);
}

/** A waf whose every transaction fails, to exercise internal-error handling. */
export function brokenWaf(): Waf {
  const waf = makeWaf();
  return Object.assign(Object.create(waf) as Waf, {
    transaction: () => {
      throw new Error('simulated engine failure');
    },
  });
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface Send {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** one Buffer is sent with Content-Length; an array goes chunked, one write per element */
  body?: Buffer | string | Array<Buffer | string>;
  agent?: Agent;
}

/** A real request over TCP; rejects when the connection is dropped. */
export function send(port: number, s: Send = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...s.headers };
    const body = s.body;
    if (body !== undefined && !Array.isArray(body)) headers['content-length'] = String(Buffer.byteLength(body));
    if (Array.isArray(body)) headers['transfer-encoding'] = 'chunked';
    const req = httpRequest(
      { host: '127.0.0.1', port, method: s.method ?? (body === undefined ? 'GET' : 'POST'), path: s.path ?? '/', headers, agent: s.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (Array.isArray(body)) {
      (async () => {
        for (const part of body) {
          if (!req.write(part)) await new Promise((r) => req.once('drain', r));
          await new Promise((r) => setImmediate(r));
        }
        req.end();
      })().catch(reject);
    } else {
      req.end(body);
    }
  });
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** All 256 byte values, repeated. */
export function binaryBody(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7 + (i >> 8)) & 0xff;
  return b;
}
