import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { toBuffer } from './binary.js';

/** Inspects one chunk; returns true once it needs no more. */
export type Feed = (chunk: Buffer) => boolean;

/** A request body held back from the application while it is inspected. */
export interface HeldBody {
  /** Hands the held bytes to the request's readers, in order, and lets the rest of the body through. */
  release(): void;
  /** Drops the held bytes; the rest of the body, if any, goes to Node's own draining. */
  discard(): void;
  /** what `feed` threw, if it did: inspection stopped there, the body is still held */
  error?: unknown;
}

/** Runs `feed`, turning a throw into a stop with the error recorded (it runs inside stream callbacks). */
function feedSafely(feed: Feed, chunk: Buffer, out: { error?: unknown }): boolean {
  try {
    return feed(chunk);
  } catch (error) {
    out.error = error;
    return true;
  }
}

/**
 * Holds the body of an IncomingMessage back while `feed` inspects it, until the body ends or `feed`
 * returns true. The parser delivers the body by calling push() on the message; intercepting those
 * calls on the instance and replaying them later keeps the very same object readable by every
 * consumer (data events, pipe, async iteration, body parsers) with the exact bytes, chunked or not.
 * Resolves to null when the client went away first.
 */
export function holdRequestBody(req: IncomingMessage, feed: Feed): Promise<HeldBody | null> {
  return new Promise((resolve) => {
    const handle: HeldBody = { release() {}, discard() {} };
    // Part of the body may already sit in the stream's buffer (middleware before the WAF awaited
    // something): inspect it where it lies, putting it back before anything can read it.
    if (req.readableLength > 0) {
      const early: unknown = req.read();
      if (early !== null) {
        req.unshift(early);
        if (feedSafely(feed, toBuffer(early), handle)) return resolve(handle);
      }
    }
    if (req.complete) return resolve(handle);

    const held: unknown[] = [];
    let ended = false;
    let inspecting = true;
    let holding = true;
    const push = req.push;
    const own = Object.getOwnPropertyDescriptor(req, 'push');
    const stopHolding = (): boolean => {
      if (!holding) return false;
      holding = false;
      if (own) Object.defineProperty(req, 'push', own);
      else delete (req as { push?: unknown }).push;
      return true;
    };
    handle.release = () => {
      if (!stopHolding()) return;
      for (const chunk of held) push.call(req, chunk);
      held.length = 0;
      if (ended) push.call(req, null);
    };
    handle.discard = () => {
      if (!stopHolding()) return;
      held.length = 0;
      if (ended) push.call(req, null);
    };
    const settle = (value: HeldBody | null): void => {
      if (!inspecting) return;
      inspecting = false;
      req.off('close', onClose);
      resolve(value);
    };
    const onClose = (): void => {
      handle.discard();
      settle(null);
    };
    req.push = function holdingPush(chunk: unknown, encoding?: BufferEncoding): boolean {
      if (chunk === null) {
        ended = true;
        settle(handle);
        return false;
      }
      // keeps what arrives after inspection stopped too (one parser run can push several chunks)
      held.push(chunk);
      if (inspecting && feedSafely(feed, toBuffer(chunk, encoding), handle)) settle(handle);
      return true;
    };
    req.once('close', onClose);
  });
}

/** A stream read up to where inspection stopped, and a stream of the same bytes to hand on. */
export interface ReadPrefix {
  stream: Readable;
  /** what `feed` threw, if it did */
  error?: unknown;
}

/**
 * Reads a stream until it ends or `feed` returns true, then returns a stream of the same bytes:
 * those read, followed (when reading stopped early) by the rest of the original.
 */
export function readPrefix(source: Readable, feed: Feed): Promise<ReadPrefix> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const out: ReadPrefix = { stream: source };
    const cleanup = (): void => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
      source.off('close', onClose);
    };
    const finish = (complete: boolean): void => {
      cleanup();
      out.stream = Readable.from(replay(chunks, complete ? null : source), { objectMode: false });
      resolve(out);
    };
    const onData = (chunk: unknown): void => {
      const buffer = toBuffer(chunk);
      chunks.push(buffer);
      if (feedSafely(feed, buffer, out)) {
        source.pause();
        finish(false);
      }
    };
    const onEnd = (): void => finish(true);
    const onError = (error: unknown): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => onError(new Error('stream closed before its end'));
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
    source.on('close', onClose);
  });
}

async function* replay(chunks: Buffer[], rest: Readable | null): AsyncGenerator<Buffer> {
  yield* chunks;
  if (rest) for await (const chunk of rest) yield toBuffer(chunk);
}
