import { Waf } from '../../src/index.js';
import type { Transaction } from '../../src/index.js';

export interface TestRequest {
  method?: string;
  uri?: string;
  headers?: Array<[string, string]>;
  body?: string;
  response?: { status?: number; headers?: Array<[string, string]>; body?: string };
}

/** Loads rules from text with the engine on and request body access, as most tests need. */
export function waf(rules: string, preamble = 'SecRuleEngine On\nSecRequestBodyAccess On\n'): Waf {
  return Waf.fromStringSync(preamble + rules);
}

/** Runs a request through every phase, stopping at a disruptive intervention like a connector. */
export function run(w: Waf, r: TestRequest = {}): Transaction {
  const tx = w.transaction();
  const steps = [
    () => tx.processUri(r.uri ?? '/', r.method ?? 'GET', '1.1'),
    () => {
      for (const [k, v] of r.headers ?? []) tx.addRequestHeader(k, v);
      if (r.body !== undefined && !(r.headers ?? []).some(([k]) => k.toLowerCase() === 'content-length')) {
        tx.addRequestHeader('Content-Length', String(r.body.length));
      }
      return tx.processRequestHeaders();
    },
    () => (r.body !== undefined ? tx.appendRequestBody(r.body) : null),
    () => tx.processRequestBody(),
    () => {
      for (const [k, v] of r.response?.headers ?? []) tx.addResponseHeader(k, v);
      return tx.processResponseHeaders(r.response?.status ?? 200, 'HTTP/1.1');
    },
    () => (r.response?.body !== undefined ? tx.appendResponseBody(r.response.body) : null),
    () => tx.processResponseBody(),
  ];
  for (const step of steps) if (step()?.disruptive) break;
  tx.processLogging();
  return tx;
}

/** Ids of the rules that logged, in first-seen order. */
export function ids(tx: Transaction): number[] {
  const out: number[] = [];
  for (const m of tx.matchedRules()) if (m.logged && !out.includes(m.id)) out.push(m.id);
  return out;
}
