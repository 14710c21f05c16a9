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
 * `done` runs once, on a later tick: with the held body, or with null when the client went away first.
 */
export function holdRequestBody(req: IncomingMessage, feed: Feed, done: (held: HeldBody | null) => void): void {
  const hold = new BodyHold(req, feed, done);
  // Part of the body may already sit in the stream's buffer (middleware before the WAF awaited
  // something): inspect it where it lies, putting it back before anything can read it.
  if (req.readableLength > 0) {
    const early: unknown = req.read();
    if (early !== null) {
      req.unshift(early);
      if (feedSafely(feed, toBuffer(early), hold)) return hold.settle(hold);
    }
  }
  if (req.complete) return hold.settle(hold);
  hold.start();
}

/** One held body; the push override is bound to it (no closure stored on the message: see guardResponse). */
class BodyHold implements HeldBody {
  error?: unknown;
  private readonly held: unknown[] = [];
  private ended = false;
  private inspecting = true;
  private holding = false;
  /** the message's push before the override: its own property if it had one, else the prototype's */
  private readonly originalPush: IncomingMessage['push'];
  private readonly own: PropertyDescriptor | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly feed: Feed,
    private readonly done: (held: HeldBody | null) => void,
  ) {
    this.originalPush = req.push;
    this.own = Object.getOwnPropertyDescriptor(req, 'push');
  }

  start(): void {
    this.holding = true;
    this.req.push = this.onPush.bind(this);
    this.req.once('close', this.onClose);
  }

  release(): void {
    if (!this.stopHolding()) return;
    for (const chunk of this.held) this.originalPush.call(this.req, chunk);
    this.held.length = 0;
    if (this.ended) this.originalPush.call(this.req, null);
  }

  discard(): void {
    if (!this.stopHolding()) return;
    this.held.length = 0;
    if (this.ended) this.originalPush.call(this.req, null);
  }

  /** Ends inspection; `done` runs on the next tick, as the stream callback this may run in must finish first. */
  settle(value: HeldBody | null): void {
    if (!this.inspecting) return;
    this.inspecting = false;
    this.req.off('close', this.onClose);
    process.nextTick(this.done, value);
  }

  private onPush(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) {
      this.ended = true;
      this.settle(this);
      return false;
    }
    // keeps what arrives after inspection stopped too (one parser run can push several chunks)
    this.held.push(chunk);
    if (this.inspecting && feedSafely(this.feed, toBuffer(chunk, encoding), this)) this.settle(this);
    return true;
  }

  private readonly onClose = (): void => {
    this.discard();
    this.settle(null);
  };

  private stopHolding(): boolean {
    if (!this.holding) return false;
    this.holding = false;
    // assigning the prototype's push back rather than deleting the own property keeps the message out
    // of V8's slow dictionary mode for the application that reads it next
    if (this.own) Object.defineProperty(this.req, 'push', this.own);
    else this.req.push = this.originalPush;
    return true;
  }
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
