/**
 * `portcullis ftw`: run the CRS go-ftw regression suite against the engine and score it the way
 * go-ftw judges log checks. In-process mode feeds each stage into a fresh transaction; HTTP mode
 * (http.ts) sends the raw bytes of `BuiltStage.raw` to a node:http server behind the adapter.
 */
import { Waf } from '../index.js';
import { EMPTY_RESPONSE } from './albedo.js';
import type { FtwWaf, FtwWafLoader, FtwIntervention } from './engine-api.js';
import type { ServerProfile } from './frontend.js';
import { hasLogExpectation, judgeStage, logLineIds, SERVER_REJECTED, type StageOutcome } from './judge.js';
import { FtwOverrides, loadFtwTests, type FtwOverride, type FtwStage, type FtwTest } from './load.js';
import { buildStage, type BuiltStage } from './request.js';

/** Runs one built stage and reports what the WAF logged. */
export type StageExecutor = (stage: BuiltStage, test: FtwTest, ftwStage: FtwStage) => Promise<StageOutcome>;

export interface FtwRunOptions {
  /** Engine configuration (main .conf) for in-process mode. */
  conf: string;
  /** Directory of go-ftw YAML tests (searched recursively). */
  tests: string;
  /** go-ftw overrides YAML: listed tests are labelled, still judged on their own expectations. */
  overrides?: string;
  /** Only tests whose key (`RULE-TEST`) matches. */
  include?: RegExp;
  mode?: 'inprocess' | 'http';
  /** Front-end emulation applied to what the WAF sees (default apache). */
  server?: ServerProfile;
  out?: (line: string) => void;
  /** In-process mode: how to get an engine from `conf` (default: `Waf.fromFile` of the package entry point). */
  loadWaf?: FtwWafLoader;
  /**
   * Stage runner. Defaults: the in-process engine, or for `mode: 'http'` a harness server
   * (http.ts) around `Waf.fromFile(conf)`, closed when the run ends.
   */
  executor?: StageExecutor;
}

export interface FtwFailure {
  key: string;
  file: string;
  reasons: string[];
  expectedIds: number[];
  noExpectedIds: number[];
  matchedIds: number[];
  override?: { reason: string; expectFailure: boolean };
  notes: string[];
}

export interface FtwCounts {
  judged: number;
  passed: number;
  failed: number;
}

export interface FtwSummary extends FtwCounts {
  /** Tests in the suite (after `include`). */
  total: number;
  /** Tests whose only expectations are a status or an error: not judged. */
  statusOnly: number;
  /** Judged tests listed in the overrides file. */
  overridden: number;
  /** Tests with an input the harness does not emulate: not run. */
  unsupported: number;
  /** Judged tests decided by the emulated httpd answering 400. */
  serverRejected: string[];
  failures: FtwFailure[];
  /** Keyed by YAML file, relative to the tests dir. */
  perFile: Record<string, FtwCounts>;
  /** Keyed by CRS rule file (first directory level). */
  perRuleFile: Record<string, FtwCounts>;
}

/** Protocol given to processUri: libmodsecurity-style, without the `HTTP/` prefix. */
function uriVersion(version: string): string {
  return version.startsWith('HTTP/') ? version.slice(5) : version;
}

function isDisruptive(v: unknown): v is FtwIntervention {
  return typeof v === 'object' && v !== null && (v as FtwIntervention).disruptive === true;
}

/** The ids go-ftw would find in the log: rules that logged, then any a log line names; first-seen order. */
export function loggedIds(matched: Iterable<{ id: number; logged: boolean }>, logLines: readonly string[]): number[] {
  const ids = new Set<number>();
  for (const r of matched) if (r.logged) ids.add(r.id);
  // go-ftw reads rule ids off the log lines, so whatever a line names counts too.
  for (const l of logLines) for (const id of logLineIds(l)) ids.add(id);
  return [...ids];
}

/**
 * One stage through one transaction, in connector order. A disruptive intervention ends the
 * request/response steps early (the connector would answer); logging always runs.
 */
export function runStageInProcess(waf: FtwWaf, stage: BuiltStage): StageOutcome {
  const req = stage.request;
  const resp = stage.response ?? EMPTY_RESPONSE;
  const tx = waf.transaction({ remoteAddr: '127.0.0.1', remotePort: 40000, serverAddr: '127.0.0.1', serverPort: stage.dest.port ?? 80 });
  const steps: Array<() => unknown> = [
    () => tx.processUri(req.uri, req.method, uriVersion(req.version)),
    () => {
      for (const [n, v] of req.headers) tx.addRequestHeader(n, v);
      return tx.processRequestHeaders();
    },
    () => {
      if (req.body.length) tx.appendRequestBody(req.body);
      return tx.processRequestBody();
    },
    () => {
      for (const [n, v] of resp.headers) tx.addResponseHeader(n, v);
      return tx.processResponseHeaders(resp.status, 'HTTP/1.1');
    },
    () => {
      if (resp.body.length) tx.appendResponseBody(resp.body);
      return tx.processResponseBody();
    },
  ];
  for (const step of steps) {
    if (isDisruptive(step()) || isDisruptive(tx.intervention())) break;
  }
  tx.processLogging();

  const logLines = tx.logLines();
  return { matchedIds: loggedIds(tx.matchedRules(), logLines), logLines, intervention: tx.intervention() };
}

async function defaultLoadWaf(conf: string): Promise<FtwWaf> {
  // Typed as FtwWaf so tsc checks that the engine still satisfies the runner's interface.
  const waf: FtwWaf = await Waf.fromFile(conf);
  return waf;
}

async function inProcessExecutor(opts: FtwRunOptions): Promise<StageExecutor> {
  const waf = await (opts.loadWaf ?? defaultLoadWaf)(opts.conf);
  return async (stage) => runStageInProcess(waf, stage);
}

const bump = (c: FtwCounts, pass: boolean): void => {
  c.judged++;
  if (pass) c.passed++;
  else c.failed++;
};
const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(2) : '0.00');

export async function runFtw(opts: FtwRunOptions): Promise<FtwSummary> {
  const out = opts.out ?? ((line: string) => console.log(line));
  const mode = opts.mode ?? 'inprocess';
  let exec = opts.executor;
  let close: (() => Promise<void>) | undefined;
  if (!exec && mode === 'http') {
    // Loaded on demand: in-process runs need no server code.
    const { startHttpHarness } = await import('./http.js');
    const harness = await startHttpHarness(await Waf.fromFile(opts.conf));
    exec = harness.executor;
    close = () => harness.close();
  }
  exec ??= await inProcessExecutor(opts);
  try {
    return await runSuite(opts, exec, out, mode);
  } finally {
    await close?.();
  }
}

async function runSuite(opts: FtwRunOptions, exec: StageExecutor, out: (line: string) => void, mode: 'inprocess' | 'http'): Promise<FtwSummary> {
  const overrides = opts.overrides ? FtwOverrides.fromFile(opts.overrides) : undefined;
  const suite = loadFtwTests(opts.tests);
  // A g/y flag would make test() stateful across keys.
  const include = opts.include && new RegExp(opts.include.source, opts.include.flags.replace(/[gy]/g, ''));
  const tests = include ? suite.tests.filter((t) => include.test(t.key)) : suite.tests;

  const summary: FtwSummary = {
    total: tests.length, judged: 0, passed: 0, failed: 0, statusOnly: 0, overridden: 0, unsupported: 0,
    serverRejected: [], failures: [], perFile: {}, perRuleFile: {},
  };

  for (const test of tests) {
    const built = test.stages.map((s) => buildStage(s.input, { server: opts.server }));
    if (built.some((b) => b.unsupported.length)) {
      summary.unsupported++;
      out(`SKIP ${test.key} (${test.file}): ${built.flatMap((b) => b.unsupported).join('; ')}`);
      continue;
    }
    let judged = false;
    let pass = true;
    let serverDecided = false;
    const reasons: string[] = [];
    const matched: number[] = [];
    for (let i = 0; i < test.stages.length; i++) {
      const stage = test.stages[i]!;
      const b = built[i]!;
      let outcome: StageOutcome;
      // Over HTTP the real server in front decides what it refuses; the httpd emulation does not.
      if (b.serverRejects && mode !== 'http') {
        serverDecided = true;
        outcome = SERVER_REJECTED;
      } else {
        try {
          outcome = await exec(b, test, stage);
        } catch (e) {
          outcome = { matchedIds: [], logLines: [], intervention: null, error: e instanceof Error ? e.message : String(e) };
        }
      }
      matched.push(...outcome.matchedIds.filter((id) => !matched.includes(id)));
      if (!hasLogExpectation(stage.expect)) continue;
      judged = true;
      const v = judgeStage(stage.expect, outcome);
      if (!v.pass) {
        pass = false;
        const label = test.stages.length > 1 ? `stage ${stage.index}: ` : '';
        reasons.push(...v.reasons.map((r) => label + r));
      }
    }
    if (!judged) {
      summary.statusOnly++;
      continue;
    }
    bump(summary, pass);
    bump((summary.perFile[test.file] ??= { judged: 0, passed: 0, failed: 0 }), pass);
    bump((summary.perRuleFile[test.ruleFile] ??= { judged: 0, passed: 0, failed: 0 }), pass);
    if (serverDecided) summary.serverRejected.push(test.key);
    const ov: FtwOverride | undefined = overrides?.get(test.ruleId, test.testId);
    if (ov) summary.overridden++;
    if (!pass) {
      const failure: FtwFailure = {
        key: test.key,
        file: test.file,
        reasons,
        expectedIds: [...new Set(test.stages.flatMap((s) => s.expect.expectIds))],
        noExpectedIds: [...new Set(test.stages.flatMap((s) => s.expect.noExpectIds))],
        matchedIds: matched,
        notes: built.flatMap((b) => b.notes).filter((n) => !/^(encoded_request parsed|Content-Type: application\/x-www-form-urlencoded added|form data URL-encoded|albedo)/.test(n)),
      };
      if (ov) failure.override = { reason: ov.reason.split('\n')[0]!, expectFailure: ov.expectFailure };
      summary.failures.push(failure);
    }
  }

  printSummary(summary, out);
  return summary;
}

function printSummary(s: FtwSummary, out: (line: string) => void): void {
  out('by rule file                                   judged  passed  failed   rate');
  for (const [f, c] of Object.entries(s.perRuleFile).sort(([a], [b]) => (a < b ? -1 : 1))) {
    out(`${f.padEnd(46)}${String(c.judged).padStart(7)}${String(c.passed).padStart(8)}${String(c.failed).padStart(8)}  ${pct(c.passed, c.judged).padStart(6)}%`);
  }
  const failingFiles = Object.entries(s.perFile).filter(([, c]) => c.failed > 0);
  if (failingFiles.length) {
    out('');
    out('files with failures:');
    for (const [f, c] of failingFiles) out(`  ${f}: ${c.passed}/${c.judged} (${pct(c.passed, c.judged)}%)`);
  }
  if (s.failures.length) {
    out('');
    out('failing tests:');
    for (const f of s.failures) {
      const ov = f.override ? ` [override: ${f.override.reason}]` : '';
      out(`  ${f.key} (${f.file}): expected [${f.expectedIds.join(',')}]${f.noExpectedIds.length ? ` not [${f.noExpectedIds.join(',')}]` : ''} matched [${f.matchedIds.join(',')}]: ${f.reasons.join('; ')}${ov}`);
    }
  }
  out('');
  out(`tests: ${s.total}; judged: ${s.judged}; passed: ${s.passed} (${pct(s.passed, s.judged)}%); failed: ${s.failed}`);
  out(`not judged (status/error only): ${s.statusOnly}; not run (unsupported input): ${s.unsupported}; overridden (judged, still counted): ${s.overridden}`);
  if (s.serverRejected.length) out(`decided by the emulated httpd 400: ${s.serverRejected.join(' ')}`);
  out(`${s.passed} passed, ${s.failed} failed`);
}
