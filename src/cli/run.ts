import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Waf } from '../waf.js';
import type { Transaction } from '../engine/transaction.js';
import { readRequests, runRequest, type JsonlRequest } from './requests.js';

export const RUN_USAGE = `usage: portcullis run [--conf <main.conf>] [--corpus <file.jsonl|dir>]... [--progress] [--list]
  Runs JSON-lines request corpora through a rule set and prints detection per category, the
  false-positive rate on benign requests, per-file figures and per-request latency.
  --conf     rule set (default: the bundled rules/portcullis.conf)
  --corpus   corpus file or directory of *.jsonl (repeatable; default: corpus/ and ../shared/corpus/)
  --progress progress bar on stderr even when it is not a terminal
  --list     also print every missed attack and every false positive with the rules that logged

  A request counts as detected when the transaction ends in a disruptive intervention (deny...).
  When the rule set runs with SecRuleEngine DetectionOnly, nothing intervenes: a request then
  counts as detected when a rule tagged attack-* logged.`;

/** The package root, from src/cli or dist/cli alike. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunOptions {
  /** main configuration file (default: the bundled rules/portcullis.conf) */
  conf?: string;
  /** corpus files or directories (default: corpus/*.jsonl and ../shared/corpus/*.jsonl) */
  corpora?: string[];
  /** progress bar on stderr (default: only when stderr is a TTY) */
  progress?: boolean;
  /** print every missed attack and false positive */
  list?: boolean;
  out?: (s: string) => void;
}

export interface Tally {
  requests: number;
  /** attacks detected, or benign requests flagged (false positives) */
  flagged: number;
}

export interface CorpusResult {
  file: string;
  attacks: Tally;
  benign: Tally;
  /** lines that could not be parsed or made the engine throw */
  errors: number;
}

export interface RunSummary {
  conf: string;
  rules: number;
  loadMs: number;
  corpora: CorpusResult[];
  /** attack categories (expect=attack), flagged = detected */
  categories: Map<string, Tally>;
  /** expect=benign requests, flagged = false positives */
  benign: Tally;
  attacks: Tally;
  /** notes about skipped corpus locations */
  notes: string[];
  latency: { mean_us: number; p50_us: number; p99_us: number; req_per_s: number };
  /** ids of missed attacks and false positives, with the rule ids that logged */
  misses: Array<{ id: string; file: string; category: string; expect: string; rules: number[] }>;
}

function jsonlIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

/** Corpus files to run and notes about the default locations that were absent. */
function corpusFiles(given: string[] | undefined): { files: string[]; notes: string[] } {
  if (given && given.length) {
    return { files: given.flatMap((p) => (statSync(p).isDirectory() ? jsonlIn(p) : [p])), notes: [] };
  }
  const files: string[] = [];
  const notes: string[] = [];
  for (const dir of [join(ROOT, 'corpus'), resolve(ROOT, '../shared/corpus')]) {
    if (existsSync(dir)) files.push(...jsonlIn(dir));
    else notes.push(`${dir} not found, skipped`);
  }
  return { files, notes };
}

/** Requests without `expect` count as benign when their category says so, else as attacks. */
const expectOf = (r: JsonlRequest) => r.expect ?? (r.category === 'benign' ? 'benign' : 'attack');

function loggedIds(tx: Transaction): number[] {
  const ids: number[] = [];
  for (const m of tx.matchedRules()) if (m.logged && !ids.includes(m.id)) ids.push(m.id);
  return ids;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.round((p / 100) * (sorted.length - 1)))]!;
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(2)} %`);

/** Left-aligned first column, right-aligned others. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}

function progressBar(total: number): (done: number) => void {
  let shown = -1;
  return (done) => {
    const step = Math.floor((done / total) * 100);
    if (step === shown && done !== total) return;
    shown = step;
    const width = 30;
    const fill = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

/**
 * `portcullis run`: the rule set against labelled corpora. Detection is a disruptive intervention,
 * or with SecRuleEngine DetectionOnly a logged rule tagged attack-*.
 */
export async function runMain(opts: RunOptions = {}): Promise<RunSummary> {
  const out = opts.out ?? ((s: string) => console.log(s));
  const conf = opts.conf ?? join(ROOT, 'rules', 'portcullis.conf');
  const waf = await Waf.fromFile(conf);
  const detectionOnly = waf.config.ruleEngine === 'DetectionOnly';
  const { files, notes } = corpusFiles(opts.corpora);
  const loaded = files.map((file) => ({ file, requests: readRequests(file) }));
  const total = loaded.reduce((n, c) => n + c.requests.length, 0);
  const showProgress = (opts.progress ?? process.stderr.isTTY === true) && total > 0;
  const tick = showProgress ? progressBar(total) : () => {};

  const categories = new Map<string, Tally>();
  const benign: Tally = { requests: 0, flagged: 0 };
  const attacks: Tally = { requests: 0, flagged: 0 };
  const corpora: CorpusResult[] = [];
  const misses: RunSummary['misses'] = [];
  const us = new Float64Array(total);
  let timed = 0;
  let done = 0;
  const wall0 = performance.now();
  for (const { file, requests } of loaded) {
    const res: CorpusResult = { file, attacks: { requests: 0, flagged: 0 }, benign: { requests: 0, flagged: 0 }, errors: 0 };
    for (const r of requests) {
      tick(++done);
      if ('error' in r) {
        res.errors++;
        continue;
      }
      let tx: Transaction;
      const t0 = performance.now();
      try {
        tx = runRequest(waf, r);
      } catch {
        res.errors++;
        continue;
      }
      us[timed++] = (performance.now() - t0) * 1000;
      const flagged = detectionOnly
        ? tx.matchedRules().some((m) => m.logged && m.tags.some((t) => t.startsWith('attack-')))
        : tx.intervention()?.disruptive === true;
      const expect = expectOf(r);
      const category = expect === 'benign' ? 'benign' : r.category ?? 'unknown';
      const tallies = expect === 'benign' ? [benign, res.benign] : [attacks, res.attacks, categories.get(category) ?? categories.set(category, { requests: 0, flagged: 0 }).get(category)!];
      for (const t of tallies) {
        t.requests++;
        if (flagged) t.flagged++;
      }
      if (flagged === (expect === 'benign')) misses.push({ id: r.id, file, category, expect, rules: loggedIds(tx) });
    }
    corpora.push(res);
  }
  const wallS = (performance.now() - wall0) / 1000;
  const sorted = us.slice(0, timed).sort();
  const mean = timed ? sorted.reduce((a, b) => a + b, 0) / timed : 0;
  const latency = { mean_us: mean, p50_us: percentile(sorted, 50), p99_us: percentile(sorted, 99), req_per_s: wallS > 0 ? timed / wallS : 0 };
  const summary: RunSummary = { conf, rules: waf.compiled.rules.length, loadMs: waf.loadMs, corpora, categories, benign, attacks, notes, latency, misses };
  print(summary, detectionOnly, opts.list === true, out);
  return summary;
}

function print(s: RunSummary, detectionOnly: boolean, list: boolean, out: (s: string) => void): void {
  const rel = (p: string) => relative(process.cwd(), p) || basename(p);
  out(`rules:   ${rel(s.conf)} (${s.rules} rules, loaded in ${s.loadMs.toFixed(1)} ms)`);
  out(`detected means: ${detectionOnly ? 'a rule tagged attack-* logged (SecRuleEngine DetectionOnly)' : 'the transaction was disruptively intervened (denied)'}`);
  for (const n of s.notes) out(`note:    ${n}`);
  if (s.corpora.length === 0) {
    out('no corpus files to run');
    return;
  }
  out('');
  const cats = [...s.categories.entries()].sort(([a], [b]) => a.localeCompare(b));
  out('attacks by category');
  for (const line of table([
    ['category', 'requests', 'detected', 'missed', 'detection'],
    ...cats.map(([c, t]) => [c, `${t.requests}`, `${t.flagged}`, `${t.requests - t.flagged}`, pct(t.flagged, t.requests)]),
    ['all attacks', `${s.attacks.requests}`, `${s.attacks.flagged}`, `${s.attacks.requests - s.attacks.flagged}`, pct(s.attacks.flagged, s.attacks.requests)],
  ])) out(`  ${line}`);
  out('');
  out('benign');
  for (const line of table([
    ['category', 'requests', 'false positives', 'FP rate'],
    ['benign', `${s.benign.requests}`, `${s.benign.flagged}`, pct(s.benign.flagged, s.benign.requests)],
  ])) out(`  ${line}`);
  out('');
  out('per corpus file');
  for (const line of table([
    ['file', 'requests', 'attacks', 'detected', 'detection', 'benign', 'FP', 'FP rate', 'errors'],
    ...s.corpora.map((c) => [
      rel(c.file),
      `${c.attacks.requests + c.benign.requests + c.errors}`,
      `${c.attacks.requests}`,
      `${c.attacks.flagged}`,
      pct(c.attacks.flagged, c.attacks.requests),
      `${c.benign.requests}`,
      `${c.benign.flagged}`,
      pct(c.benign.flagged, c.benign.requests),
      `${c.errors}`,
    ]),
  ])) out(`  ${line}`);
  out('');
  const l = s.latency;
  out(`latency (single thread, whole transaction): mean ${l.mean_us.toFixed(1)} µs  p50 ${l.p50_us.toFixed(1)} µs  p99 ${l.p99_us.toFixed(1)} µs  ${l.req_per_s.toFixed(0)} req/s`);
  if (list && s.misses.length) {
    out('');
    out('missed attacks and false positives');
    for (const m of s.misses) out(`  ${m.expect === 'benign' ? 'FP    ' : 'missed'}  ${m.category.padEnd(8)}  ${m.id}  rules: ${m.rules.join(',') || '-'}`);
  }
}
