import { Waf } from '../waf.js';
import { loadFtwTests } from '../ftw/load.js';
import { buildStage } from '../ftw/request.js';
import { runStageInProcess } from '../ftw/run.js';
import { readRequests, runRequest, type JsonlRequest } from './requests.js';

export interface CrossCheckOptions {
  conf: string;
  /** go-ftw tests directory (CRS regression tests) */
  tests?: string;
  /** JSON-lines corpora */
  corpora?: string[];
  /** take every Nth request (1 = all) */
  every?: number;
}

export interface CrossCheckResult {
  compared: number;
  differences: Array<{ id: string; optimised: string; plain: string }>;
}

/** What must not change when the optimisation passes are on: ids in order, log lines, intervention. */
function signature(matched: number[], logs: string[], intervention: unknown): string {
  // unique_id differs per transaction by design
  const lines = logs.map((l) => l.replace(/ \[unique_id "[^"]*"\]/, ''));
  return JSON.stringify({ matched, lines, intervention });
}

/**
 * Runs the same requests through the rule set compiled with and without optimisation passes and
 * reports every request whose outcome differs.
 */
export async function crossCheck(o: CrossCheckOptions): Promise<CrossCheckResult> {
  const optimised = await Waf.fromFile(o.conf, { optimise: true });
  const plain = await Waf.fromFile(o.conf, { optimise: false });
  const every = Math.max(1, o.every ?? 1);
  const result: CrossCheckResult = { compared: 0, differences: [] };
  let n = 0;
  const compare = (id: string, a: string, b: string) => {
    result.compared++;
    if (a !== b) result.differences.push({ id, optimised: a, plain: b });
  };
  if (o.tests) {
    for (const test of loadFtwTests(o.tests).tests) {
      for (const stage of test.stages) {
        if (n++ % every !== 0) continue;
        const built = buildStage(stage.input);
        if (built.unsupported.length || built.serverRejects) continue;
        const run = (waf: Waf) => {
          const r = runStageInProcess(waf, built);
          return signature(r.matchedIds, r.logLines, r.intervention);
        };
        compare(`${test.key}/${stage.index}`, run(optimised), run(plain));
      }
    }
  }
  for (const file of o.corpora ?? []) {
    for (const r of readRequests(file)) {
      if (n++ % every !== 0 || 'error' in r) continue;
      const run = (waf: Waf) => {
        const tx = runRequest(waf, r as JsonlRequest);
        return signature(tx.matchedRules().map((m) => m.id), tx.logLines(), tx.intervention());
      };
      compare(r.id, run(optimised), run(plain));
    }
  }
  return result;
}
