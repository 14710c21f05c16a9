import type { ServerResponse } from 'node:http';
import type { Intervention } from '../index.js';
import { toBuffer } from './binary.js';
import type { Exchange, ResponseBodyMode } from './core.js';
import { INTERNAL_ERROR, sendIntervention, type RawMethod } from './intervention.js';

type Callback = (error?: Error | null) => void;
type Mode = 'init' | ResponseBodyMode | 'done';

/**
 * Wraps writeHead/write/end of a ServerResponse so that the headers go through phase 3 before the
 * first byte leaves, and an inspectable body is held until phase 4 has seen it (or until the response
 * body limit): an intervention then replaces the response while nothing has been sent yet.
 */
export function guardResponse(ex: Exchange, res: ServerResponse): void {
  const orig = { writeHead: res.writeHead as RawMethod, write: res.write as RawMethod, end: res.end as RawMethod };
  let mode: Mode = 'init';
  let head: { status: number; raw: unknown[] | undefined } | null = null;
  const held: Array<[chunk: unknown, encoding: BufferEncoding | undefined, cb: Callback | undefined]> = [];

  const flush = (): void => {
    if (head) orig.writeHead.call(res, head.status, head.raw);
    head = null;
    for (const [chunk, encoding, cb] of held) orig.write.call(res, chunk, encoding, cb);
    held.length = 0;
  };
  const deny = (i: Intervention): void => {
    mode = 'done';
    held.length = 0;
    head = null;
    ex.sentStatus = sendIntervention(res, i, !ex.req.complete, orig);
  };
  const fail = (error: unknown): void => {
    ex.options.onError(error, ex.req);
    if (ex.options.failOpen) {
      flush();
      mode = 'pass';
      ex.broken = true;
    } else {
      deny(INTERNAL_ERROR);
    }
  };
  /** Inspects a body chunk; past the limit (or on an intervention) phase 4 runs on what was seen. */
  const inspect = (chunk: unknown, encoding: BufferEncoding | undefined): void => {
    try {
      if (!ex.feedResponseBody(toBuffer(chunk, encoding))) return;
      const i = ex.endResponseBody();
      if (i && mode === 'hold') return deny(i);
      flush();
      mode = 'pass';
    } catch (error) {
      fail(error);
    }
  };

  res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]): ServerResponse {
    if (mode === 'pass' || mode === 'observe') return orig.writeHead.call(this, status, ...rest) as ServerResponse;
    if (mode !== 'init') return this; // held or replaced: the real head goes out later or already did
    if (typeof rest[0] === 'string') this.statusMessage = rest[0];
    const headers = rest[rest.length - 1];
    let raw: unknown[] | undefined;
    if (Array.isArray(headers)) raw = headers;
    else if (headers && typeof headers === 'object') {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value as string);
    }
    this.statusCode = status;
    try {
      const r = ex.responseHeaders(status, headerList(this, raw));
      if (r.intervention) {
        deny(r.intervention);
        return this;
      }
      mode = r.body;
    } catch (error) {
      mode = 'pass';
      fail(error);
      if ((mode as Mode) === 'done') return this;
    }
    if (mode === 'hold') {
      head = { status, raw };
      return this;
    }
    return orig.writeHead.call(this, status, raw) as ServerResponse;
  } as ServerResponse['writeHead'];

  res.write = function write(this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    // Node sends implicit headers on the first write through writeHead, as this does
    if (mode === 'init') this.writeHead(this.statusCode);
    const enc = encoding as BufferEncoding | undefined;
    const callback = cb as Callback | undefined;
    if (mode === 'hold') {
      held.push([chunk, enc, callback]);
      inspect(chunk, enc);
      return true;
    }
    if (mode === 'observe') inspect(chunk, enc);
    if (mode === 'done') {
      if (callback) process.nextTick(callback);
      return true;
    }
    return orig.write.call(this, chunk, enc, callback) as boolean;
  } as ServerResponse['write'];

  res.end = function end(this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown): ServerResponse {
    if (typeof chunk === 'function') [cb, chunk, encoding] = [chunk, undefined, undefined];
    else if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    if (mode === 'init') this.writeHead(this.statusCode);
    const enc = encoding as BufferEncoding | undefined;
    const callback = cb as Callback | undefined;
    let pending = chunk;
    if (pending != null && mode === 'hold') {
      held.push([pending, enc, undefined]);
      pending = undefined;
      inspect(held[held.length - 1]![0], enc);
    } else if (pending != null && mode === 'observe') inspect(pending, enc);
    if (mode !== 'done' && !ex.broken) {
      try {
        const i = ex.endResponseBody();
        if (i && mode === 'hold') deny(i);
        else if (i) {
          // bytes already left: the response cannot be replaced, only cut short
          ex.sentStatus = null;
          this.socket?.destroy();
          mode = 'done';
        }
      } catch (error) {
        fail(error);
      }
    }
    if (mode === 'done') {
      if (callback) process.nextTick(callback);
      return this;
    }
    if (mode === 'hold') flush();
    mode = 'pass';
    return (pending != null ? orig.end.call(this, pending, enc, callback) : orig.end.call(this, callback)) as ServerResponse;
  } as ServerResponse['end'];
}

/** The response headers as set (original case, repeated values apart), plus raw ones given to writeHead. */
function* headerList(res: ServerResponse, raw: unknown[] | undefined): Iterable<[string, string]> {
  // getRawHeaderNames keeps the case the application used (Node >= 15.13; absent from older typings)
  const names = (res as { getRawHeaderNames?: () => string[] }).getRawHeaderNames?.() ?? res.getHeaderNames();
  for (const name of names) {
    const value = res.getHeader(name);
    if (Array.isArray(value)) for (const v of value) yield [name, String(v)];
    else if (value !== undefined) yield [name, String(value)];
  }
  if (!raw) return;
  if (Array.isArray(raw[0])) for (const pair of raw as unknown[][]) yield [String(pair[0]), String(pair[1])];
  else for (let i = 0; i + 1 < raw.length; i += 2) yield [String(raw[i]), String(raw[i + 1])];
}
