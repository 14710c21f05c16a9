import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveOptions, type ProtectOptions } from './core.js';
import { runExchange } from './node-http.js';

/** Express middleware signature, kept structural so that express itself is not a dependency. */
export type WafMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * `app.use(wafMiddleware({ waf }))`, mounted before any body parser: the WAF reads and inspects the
 * body, then hands the same bytes on to express.json(), express.raw() and the rest.
 */
export function wafMiddleware(options: ProtectOptions): WafMiddleware {
  const opts = resolveOptions(options);
  return (req, res, next) => {
    // express rewrites req.url below a mount path; the rules must see the URI the client sent
    const uri = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    runExchange(opts, req, res, uri, () => next());
  };
}
