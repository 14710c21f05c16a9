import { createWriteStream } from 'node:fs';
import { Waf } from '../waf.js';
import { readRequests, resultOf, runRequest } from './requests.js';

export interface EvalOptions {
  conf: string;
  input: string;
  output: string | null;
  logLines: boolean;
}

export interface EvalSummary {
  requests: number;
  intervened: number;
  errors: number;
  /** operators/variables the rules use that are not available yet */
  unavailable: Map<string, number>;
  ms: number;
}

/** `portcullis eval`: one modsec-eval-shaped result line per JSON-lines request. */
export async function evaluate(o: EvalOptions): Promise<EvalSummary> {
  const waf = await Waf.fromFile(o.conf);
  const requests = readRequests(o.input);
  const sink = o.output ? createWriteStream(o.output) : process.stdout;
  const t0 = performance.now();
  let intervened = 0;
  let errors = 0;
  for (const r of requests) {
    let line: Record<string, unknown>;
    if ('error' in r) {
      errors++;
      line = { id: r.id, matched: [], intervention: null, error: r.error };
    } else {
      try {
        line = resultOf(r.id, runRequest(waf, r), o.logLines);
        if (line.intervention) intervened++;
      } catch (e) {
        errors++;
        line = { id: r.id, matched: [], intervention: null, error: e instanceof Error ? e.stack ?? e.message : String(e) };
      }
    }
    sink.write(`${JSON.stringify(line)}\n`);
  }
  if (sink !== process.stdout) await new Promise<void>((res) => (sink as ReturnType<typeof createWriteStream>).end(res));
  return { requests: requests.length, intervened, errors, unavailable: waf.compiled.unavailable, ms: performance.now() - t0 };
}
