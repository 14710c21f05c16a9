import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Intervention } from '../index.js';
import { Exchange, bodyAlreadyConsumed, resolveOptions, type ProtectOptions, type ResolvedOptions } from './core.js';
import { INTERNAL_ERROR, sendIntervention } from './intervention.js';
import { holdRequestBody, type HeldBody } from './request-body.js';
import { guardResponse } from './response.js';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Inspects a request, then calls `next` to let the application handle it; or answers on the WAF's
 * behalf and never calls `next`. Mount it before anything that reads the request body.
 */
export type WafHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Wraps a node:http request listener: `http.createServer(protect(app, { waf }))`. */
export function protect(listener: Listener, options: ProtectOptions): Listener {
  const handle = createWafHandler(options);
  return (req, res) => handle(req, res, () => listener(req, res));
}

export function createWafHandler(options: ProtectOptions): WafHandler {
  const opts = resolveOptions(options);
  return (req, res, next) => runExchange(opts, req, res, req.url ?? '/', next);
}

/**
 * The whole request side: phase 1, holding and inspecting the body, phase 2, then the response guard.
 * Synchronous unless a body has to be read, so bodiless requests reach `next` in the same tick.
 */
export function runExchange(opts: ResolvedOptions, req: IncomingMessage, res: ServerResponse, uri: string, next: () => void): void {
  if (opts.waf.config.ruleEngine === 'Off') return next();
  let ex: Exchange | undefined;
  const fail = (error: unknown, held: HeldBody | null): void => {
    opts.onError(error, req);
    if (ex) ex.broken = true;
    if (opts.failOpen) {
      held?.release();
      return next();
    }
    held?.discard();
    refuse(ex, res, INTERNAL_ERROR);
  };
  try {
    const exchange = (ex = new Exchange(opts, req, uri));
    exchange.finishOnClose(res);
    const early = exchange.start();
    if (early) return refuse(exchange, res, early);
    if (!exchange.wantsRequestBody()) return afterBody(exchange, res, null, next, fail);
    if (bodyAlreadyConsumed(req)) {
      if (!opts.warned) {
        opts.warned = true;
        console.warn('[portcullis] the request body was read before the WAF (mount it before body parsers): request bodies are not inspected');
      }
      if (opts.consumedBody === 'deny') return refuse(exchange, res, INTERNAL_ERROR);
      return afterBody(exchange, res, null, next, fail);
    }
    holdRequestBody(
      req,
      (chunk) => exchange.feedRequestBody(chunk),
      (held) => {
        if (!held) return; // the client went away
        if (held.error !== undefined) return fail(held.error, held);
        afterBody(exchange, res, held, next, fail);
      },
    );
  } catch (error) {
    fail(error, null);
  }
}

function afterBody(ex: Exchange, res: ServerResponse, held: HeldBody | null, next: () => void, fail: (error: unknown, held: HeldBody | null) => void): void {
  try {
    const i = ex.endRequestBody();
    if (i) {
      held?.discard();
      return refuse(ex, res, i);
    }
    guardResponse(ex, res);
  } catch (error) {
    return fail(error, held);
  }
  held?.release();
  next();
}

function refuse(ex: Exchange | undefined, res: ServerResponse, i: Intervention): void {
  const status = sendIntervention(res, i, !res.req.complete);
  if (ex) {
    ex.refused = true;
    ex.sentStatus = status;
  }
}
