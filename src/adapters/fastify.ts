import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Intervention } from '../index.js';
import { toBuffer } from './binary.js';
import { Exchange, resolveOptions, type ProtectOptions, type ResolvedOptions } from './core.js';
import { INTERNAL_ERROR, interventionResponse } from './intervention.js';
import { readPrefix } from './request-body.js';

const EXCHANGE = Symbol('portcullis.exchange');
type Tagged = FastifyRequest & { [EXCHANGE]?: Exchange };

/**
 * Fastify plugin: `app.register(wafPlugin, { waf })`. Phase 1 in onRequest, the body in preParsing
 * (read, inspected, handed on as a stream of the same bytes), phases 3 and 4 in onSend. It is not
 * encapsulated (skip-override), so it guards every route of the instance it is registered on.
 */
export function wafPlugin(instance: FastifyInstance, options: ProtectOptions, done: (error?: Error) => void): void {
  const opts = resolveOptions(options);
  if (opts.waf.config.ruleEngine === 'Off') return done();

  instance.addHook('onRequest', (request, reply, next) => {
    try {
      const ex = new Exchange(opts, request.raw, request.raw.url ?? '/');
      (request as Tagged)[EXCHANGE] = ex;
      ex.finishOnClose(reply.raw);
      const i = ex.start();
      if (i) return refuse(ex, reply, i);
    } catch (error) {
      if (!failed(opts, request, reply, error)) return;
    }
    next();
  });

  instance.addHook('preParsing', async (request, reply, payload) => {
    const ex = (request as Tagged)[EXCHANGE];
    if (!ex || ex.refused || ex.broken) return payload;
    let stream: Readable = payload;
    try {
      if (ex.wantsRequestBody()) {
        const read = await readPrefix(payload, (chunk) => ex.feedRequestBody(chunk));
        stream = read.stream;
        if (read.error !== undefined) throw read.error;
      }
      const i = ex.endRequestBody();
      if (i) refuse(ex, reply, i);
    } catch (error) {
      failed(opts, request, reply, error);
    }
    return stream;
  });

  instance.addHook('onSend', async (request, reply, payload: unknown) => {
    const ex = (request as Tagged)[EXCHANGE];
    if (!ex || ex.refused || ex.broken) return payload;
    let source: Readable | null = null;
    try {
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (Array.isArray(value)) for (const v of value) ex.responseHeader(name, String(v));
        else if (value !== undefined) ex.responseHeader(name, String(value));
      }
      const r = ex.responseHeaders(reply.statusCode);
      if (r.intervention) return replace(ex, reply, r.intervention);
      if (r.body !== 'pass' && payload != null) {
        if (typeof payload === 'string' || payload instanceof Uint8Array) ex.feedResponseBody(toBuffer(payload));
        else if (isReadable(payload)) {
          source = payload;
          const read = await readPrefix(payload, (chunk) => ex.feedResponseBody(chunk));
          payload = read.stream;
          if (read.error !== undefined) throw read.error;
        }
      }
      // nothing has been sent before onSend returns, so a phase 4 intervention can always replace the reply
      const i = ex.endResponseBody();
      if (i) {
        source?.destroy(); // the part of a streamed body never read
        return replace(ex, reply, i);
      }
    } catch (error) {
      ex.broken = true;
      opts.onError(error, request.raw);
      if (!opts.failOpen) return replace(ex, reply, INTERNAL_ERROR);
    }
    return payload;
  });

  done();
}

// fastify-plugin's marks, without depending on it: no encapsulation, and a name in errors and logs
Object.assign(wafPlugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'portcullis' });

/** Handles an internal error: true to continue (fail-open), false after answering 500. */
function failed(opts: ResolvedOptions, request: FastifyRequest, reply: FastifyReply, error: unknown): boolean {
  opts.onError(error, request.raw);
  const ex = (request as Tagged)[EXCHANGE];
  if (ex) ex.broken = true;
  if (opts.failOpen) return true;
  if (ex) refuse(ex, reply, INTERNAL_ERROR);
  else void reply.code(500).send('500 Internal Server Error\n');
  return false;
}

/** Answers a request before the handler ran. */
function refuse(ex: Exchange, reply: FastifyReply, i: Intervention): void {
  ex.refused = true;
  const out = interventionResponse(i);
  if (out === 'drop') {
    ex.sentStatus = null;
    reply.hijack();
    reply.raw.socket?.destroy();
    return;
  }
  ex.sentStatus = out.status;
  if (!ex.req.complete) void reply.header('connection', 'close');
  void reply.code(out.status).headers(out.headers).send(out.body);
}

/** Turns the reply the handler produced into the intervention's; returns the new payload. */
function replace(ex: Exchange, reply: FastifyReply, i: Intervention): string | null {
  const out = interventionResponse(i);
  if (out === 'drop') {
    ex.sentStatus = null;
    reply.raw.socket?.destroy();
    return null;
  }
  for (const name of Object.keys(reply.getHeaders())) reply.removeHeader(name);
  ex.sentStatus = out.status;
  void reply.code(out.status).headers(out.headers);
  return out.body;
}

function isReadable(value: unknown): value is Readable {
  return typeof (value as Readable | null)?.pipe === 'function' && typeof (value as Readable).on === 'function';
}
