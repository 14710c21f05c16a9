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
  const guard = new ResponseGuard(ex, res);
  // Bound functions, not closures: V8 kept most of each request's objects alive into the old
  // generation when a closure made per request was stored on the response (measured with
  // --trace-gc-nvp: ten times the bytes promoted per minor GC, each GC several times longer).
  res.writeHead = guardedWriteHead.bind(guard) as ServerResponse['writeHead'];
  res.write = guardedWrite.bind(guard) as ServerResponse['write'];
  res.end = guardedEnd.bind(guard) as ServerResponse['end'];
}

function guardedWriteHead(this: ResponseGuard, status: number, reason?: unknown, headers?: unknown): ServerResponse {
  this.onWriteHead(status, reason, headers);
  return this.res;
}

function guardedWrite(this: ResponseGuard, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
  if (typeof encoding === 'function') return this.onWrite(chunk, undefined, encoding as Callback);
  return this.onWrite(chunk, encoding as BufferEncoding | undefined, cb as Callback | undefined);
}

function guardedEnd(this: ResponseGuard, chunk?: unknown, encoding?: unknown, cb?: unknown): ServerResponse {
  if (typeof chunk === 'function') this.onEnd(undefined, undefined, chunk as Callback);
  else if (typeof encoding === 'function') this.onEnd(chunk, undefined, encoding as Callback);
  else this.onEnd(chunk, encoding as BufferEncoding | undefined, cb as Callback | undefined);
  return this.res;
}

class ResponseGuard {
  private mode: Mode = 'init';
  /** a head held back with the body: the status and the headers given to writeHead, if any */
  private headHeld = false;
  private headStatus = 0;
  private headHeaders: unknown = undefined;
  private readonly held: Array<[chunk: unknown, encoding: BufferEncoding | undefined, cb: Callback | undefined]> = [];
  /** the response's own methods, which send for real */
  private readonly writeHead: RawMethod;
  private readonly write: RawMethod;
  private readonly end: RawMethod;

  constructor(
    private readonly ex: Exchange,
    readonly res: ServerResponse,
  ) {
    this.writeHead = res.writeHead as RawMethod;
    this.write = res.write as RawMethod;
    this.end = res.end as RawMethod;
  }

  private flush(): void {
    if (this.headHeld) this.writeHead.call(this.res, this.headStatus, this.headHeaders);
    this.headHeld = false;
    this.headHeaders = undefined;
    for (const [chunk, encoding, cb] of this.held) this.write.call(this.res, chunk, encoding, cb);
    this.held.length = 0;
  }

  private deny(i: Intervention): void {
    this.mode = 'done';
    this.held.length = 0;
    this.headHeld = false;
    this.headHeaders = undefined;
    this.ex.sentStatus = sendIntervention(this.res, i, !this.ex.req.complete, { writeHead: this.writeHead, end: this.end });
  }

  private fail(error: unknown): void {
    this.ex.options.onError(error, this.ex.req);
    if (this.ex.options.failOpen) {
      this.flush();
      this.mode = 'pass';
      this.ex.broken = true;
    } else {
      this.deny(INTERNAL_ERROR);
    }
  }

  /** Inspects a body chunk; past the limit (or on an intervention) phase 4 runs on what was seen. */
  private inspect(chunk: unknown, encoding: BufferEncoding | undefined): void {
    try {
      if (!this.ex.feedResponseBody(toBuffer(chunk, encoding))) return;
      const i = this.ex.endResponseBody();
      if (i && this.mode === 'hold') return this.deny(i);
      this.flush();
      this.mode = 'pass';
    } catch (error) {
      this.fail(error);
    }
  }

  onWriteHead(status: number, reason: unknown, headers: unknown): void {
    const res = this.res;
    if (this.mode === 'pass' || this.mode === 'observe') return void this.writeHead.call(res, status, reason, headers);
    if (this.mode !== 'init') return; // held or replaced: the real head goes out later or already did
    if (typeof reason === 'string') res.statusMessage = reason;
    else headers ??= reason;
    res.statusCode = status;
    try {
      // getRawHeaderNames keeps the case the application used (absent from the typings)
      let names = (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames();
      if (names.length > 0 && isHeaderObject(headers)) {
        // Node would merge these into the headers set before, the later value winning: done here,
        // so that phase 3 sees the result. Otherwise they are handed on to writeHead as they came.
        for (const name of Object.keys(headers)) if (headers[name] !== undefined) res.setHeader(name, headers[name] as string);
        headers = undefined;
        names = (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames();
      }
      for (const name of names) addHeader(this.ex, name, res.getHeader(name));
      if (Array.isArray(headers)) {
        if (Array.isArray(headers[0])) for (const pair of headers as unknown[][]) addHeader(this.ex, String(pair[0]), pair[1]);
        else for (let i = 0; i + 1 < headers.length; i += 2) addHeader(this.ex, String(headers[i]), headers[i + 1]);
      } else if (isHeaderObject(headers)) {
        for (const name of Object.keys(headers)) addHeader(this.ex, name, headers[name]);
      }
    const r = this.ex.responseHeaders(status);
      if (r.intervention) return this.deny(r.intervention);
      this.mode = r.body;
    } catch (error) {
      this.mode = 'pass';
      this.fail(error);
      if ((this.mode as Mode) === 'done') return;
    }
    if (this.mode === 'hold') {
      this.headHeld = true;
      this.headStatus = status;
      this.headHeaders = headers;
      return;
    }
    this.writeHead.call(res, status, headers);
  }

  onWrite(chunk: unknown, encoding: BufferEncoding | undefined, cb: Callback | undefined): boolean {
    // Node sends implicit headers on the first write through writeHead, as this does
    if (this.mode === 'init') this.res.writeHead(this.res.statusCode);
    if (this.mode === 'hold') {
      this.held.push([chunk, encoding, cb]);
      this.inspect(chunk, encoding);
      return true;
    }
    if (this.mode === 'observe') this.inspect(chunk, encoding);
    if (this.mode === 'done') {
      if (cb) process.nextTick(cb);
      return true;
    }
    return this.write.call(this.res, chunk, encoding, cb) as boolean;
  }

  onEnd(chunk: unknown, encoding: BufferEncoding | undefined, cb: Callback | undefined): void {
    const res = this.res;
    if (this.mode === 'init') res.writeHead(res.statusCode);
    // the last chunk is not held: once phase 4 let it pass it goes out with end(), as in one write
    if (chunk != null && (this.mode === 'hold' || this.mode === 'observe')) this.inspect(chunk, encoding);
    if (this.mode !== 'done' && !this.ex.broken) {
      try {
        const i = this.ex.endResponseBody();
        if (i && this.mode === 'hold') this.deny(i);
        else if (i) {
          // bytes already left: the response cannot be replaced, only cut short
          this.ex.sentStatus = null;
          res.socket?.destroy();
          this.mode = 'done';
        }
      } catch (error) {
        this.fail(error);
      }
    }
    if (this.mode === 'done') {
      if (cb) process.nextTick(cb);
      return;
    }
    if (this.mode === 'hold') this.flush();
    this.mode = 'pass';
    if (chunk != null) this.end.call(res, chunk, encoding, cb);
    else this.end.call(res, cb);
  }
}

function isHeaderObject(headers: unknown): headers is Record<string, unknown> {
  return headers !== null && typeof headers === 'object' && !Array.isArray(headers);
}

/** A response header as set (original case; each value of a repeated one) for phase 3. */
function addHeader(ex: Exchange, name: string, value: unknown): void {
  if (Array.isArray(value)) for (const v of value) ex.responseHeader(name, String(v));
  else if (value !== undefined) ex.responseHeader(name, String(value));
}
