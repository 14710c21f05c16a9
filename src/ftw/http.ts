/**
 * HTTP mode of `portcullis ftw`: a real node:http server on 127.0.0.1, wrapped by the portcullis
 * node:http adapter, with CRS's albedo as the backend. Each stage opens its own connection and
 * writes go-ftw's exact bytes (`BuiltStage.raw`), so malformed requests reach Node's parser as
 * written and Node, not the Apache emulation of frontend.ts, is the front end.
 *
 * Correlation: a stage owns one connection, and the server keys what happens on it by the
 * client's port (the connection's remote port on the server side).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Waf } from '../index.js';
import type { WafTransactionSummary } from '../adapters/core.js';
import { protect } from '../adapters/node-http.js';
import { EMPTY_RESPONSE, reflectResponse } from './albedo.js';
import type { StageOutcome } from './judge.js';
import { loggedIds, type StageExecutor } from './run.js';

export interface HttpHarnessOptions {
  /** Longest wait for one stage's exchange to end (default 3000 ms). */
  timeoutMs?: number;
  /**
   * Once every request seen on the connection has been answered and logged, how long to wait for
   * another (pipelined) one before ending a connection the server keeps alive (default 50 ms).
   */
  idleMs?: number;
  /** node:http's `insecureHTTPParser` (lenient llhttp): accepts some requests Node rejects by default. */
  insecureHTTPParser?: boolean;
}

export interface HttpHarness {
  executor: StageExecutor;
  /** Where the server listens. */
  port: number;
  close(): Promise<void>;
}

/** What the server saw on one connection. */
interface ConnState {
  summaries: WafTransactionSummary[];
  /** Requests handed to the adapter and not yet over. */
  inflight: number;
  /** Why Node's parser refused the bytes ('clientError'), with the status it answered. */
  rejected?: string;
  engineErrors: string[];
  closed: boolean;
  /** Set by the executor waiting on this connection. */
  wake?: () => void;
}

/** albedo: `POST /reflect` answers as its JSON body says, anything else an empty 200. */
function albedo(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const r = reflectResponse(req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks)) ?? EMPTY_RESPONSE;
    try {
      res.writeHead(r.status, r.headers.flat());
    } catch {
      // A spec Node cannot send (status out of range, CR/LF in a header): what Go would do differs,
      // and no CRS test relies on it.
      res.writeHead(500, { 'Content-Length': '0' });
      res.end();
      return;
    }
    res.end(r.body);
  });
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function startHttpHarness(waf: Waf, options: HttpHarnessOptions = {}): Promise<HttpHarness> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const idleMs = options.idleMs ?? 50;
  const byPort = new Map<number, ConnState>();
  const bySocket = new WeakMap<Socket, ConnState>();
  const stateFor = (port: number): ConnState => {
    let st = byPort.get(port);
    if (!st) byPort.set(port, (st = { summaries: [], inflight: 0, engineErrors: [], closed: false }));
    return st;
  };
  const ofSocket = (s: Socket): ConnState => bySocket.get(s) ?? stateFor(s.remotePort ?? 0);

  // The adapter reports a transaction from its own res 'close' listener, registered when the
  // request enters it; the harness's listener, registered right after, picks the report up.
  let reported: WafTransactionSummary | undefined;
  const app = protect(albedo, {
    waf,
    onTransaction: (s) => {
      reported = s;
    },
    onError: (error, req) => ofSocket(req.socket).engineErrors.push(message(error)),
  });

  const server = createServer({ insecureHTTPParser: options.insecureHTTPParser ?? false }, (req, res) => {
    const st = ofSocket(req.socket);
    st.inflight++;
    reported = undefined;
    app(req, res);
    res.once('close', () => {
      if (reported) st.summaries.push(reported);
      reported = undefined;
      st.inflight--;
      st.wake?.();
    });
  });
  server.on('connection', (socket: Socket) => {
    const st = stateFor(socket.remotePort ?? 0);
    bySocket.set(socket, st);
    socket.once('close', () => {
      st.closed = true;
      st.wake?.();
    });
  });
  // Node answers these itself when no listener is attached; the listener records why, then answers alike.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const st = ofSocket(socket);
    const parseError = typeof err.code === 'string' && err.code.startsWith('HPE_');
    if (parseError) {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      st.rejected ??= `node:http answered ${status} before the WAF ran (${err.code}: ${err.message})`;
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nConnection: close\r\n\r\n`);
      else socket.destroy();
    } else {
      socket.destroy();
    }
    st.wake?.();
  });

  // node:http hands CONNECT to this event, never to the request listener the adapter wraps.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const st = ofSocket(socket);
    st.rejected ??= `node:http routes ${req.method} to its 'connect' event, so the adapter never sees it (answered 405 here)`;
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n');
    st.wake?.();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const executor: StageExecutor = async (built) => {
    const client = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
    });
    const clientPort = client.localPort!;
    const st = stateFor(clientPort);
    let timedOut = false;
    // Says what node:http answered when it refused a request without a 'clientError' (e.g. no Host).
    let statusLine = '';
    try {
      await new Promise<void>((resolve) => {
        let idle: NodeJS.Timeout | undefined;
        const done = (): void => {
          clearTimeout(timer);
          clearTimeout(idle);
          st.wake = undefined;
          resolve();
        };
        const timer = setTimeout(() => {
          timedOut = true;
          done();
        }, timeoutMs);
        // Over when the client sees the server close, or the server answered everything it read
        // and stays quiet (keep-alive).
        const check = (): void => {
          clearTimeout(idle);
          if (st.inflight === 0 && (st.summaries.length > 0 || st.rejected !== undefined)) idle = setTimeout(done, idleMs);
        };
        st.wake = check;
        client.on('data', (c: Buffer) => {
          if (!statusLine) statusLine = c.toString('latin1').split('\r\n')[0]!;
          check();
        });
        client.once('close', done);
        client.on('error', done);
        client.write(built.raw);
      });
      client.destroy();
      // Requests cut short by the client's close are reported on the server side's close.
      if (!st.closed) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 1000);
          st.wake = () => {
            if (st.closed) {
              clearTimeout(t);
              resolve();
            }
          };
        });
      }
      await new Promise((r) => setImmediate(r));
    } finally {
      st.wake = undefined;
      byPort.delete(clientPort);
    }
    const nothing = timedOut ? `no request reached the WAF within ${timeoutMs} ms` : 'the connection closed before any request reached the WAF';
    return outcomeOf(st, statusLine ? `${nothing}; node:http answered ${JSON.stringify(statusLine)}` : nothing);
  };

  return {
    executor,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** Every transaction of the connection counts, as go-ftw reads the whole log written meanwhile. */
function outcomeOf(st: ConnState, nothing: string): StageOutcome {
  const logLines = st.summaries.flatMap((s) => s.logLines);
  const outcome: StageOutcome = {
    matchedIds: loggedIds(st.summaries.flatMap((s) => s.matched), logLines),
    logLines,
    intervention: st.summaries.find((s) => s.intervention)?.intervention ?? null,
  };
  if (st.engineErrors.length) outcome.error = `engine error: ${st.engineErrors.join('; ')}`;
  else if (!st.summaries.length) outcome.error = st.rejected ?? nothing;
  return outcome;
}
