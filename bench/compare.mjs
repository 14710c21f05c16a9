#!/usr/bin/env node
// Times portcullis and libmodsecurity 3 (the ../shared/peers/modsec harness) on the same corpora with
// the same CRS config, and writes bench/results/report.md, results.json and latency.svg.
//
// usage (from the repo root, after `npx tsc -p tsconfig.json`):
//   node bench/compare.mjs [--passes 3] [--warmup 1] [--only benign,benign8k,csic,crs,attacks,large]
//                          [--work DIR] [--modsec PATH] [--out DIR] [--timeout SEC] [--core C|none] [--build]
// --core (default 0, when `taskset` is there): every engine process runs pinned to that CPU, so that
// the two engines of a round run on the same core (this machine's cores differ in speed by up to
// 1.7×, and change it by the minute: unpinned, the rounds' ratios of one corpus spread over 2.3×).
// --timeout (default 60) limits each engine run on the (e) large requests only: libmodsecurity 3.0.9
// spends minutes on some of them.
// Both engines run single-threaded in their own process, one process per engine and corpus, with
// `../shared/peers/modsec/conf/crs-production.conf` (SecRuleEngine On, PL1).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { LARGE_DESC, largeRequests } from './large-requests.mjs';
import { ATTACK_CORPORA } from './shared-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function parseArgs(argv) {
  const o = { passes: 3, warmup: 1, rounds: 1, timeout: 60, only: null, core: null, work: path.join(os.tmpdir(), 'portcullis-compare'), out: 'bench/results', build: false,
    modsec: path.join(process.env.MODSEC_PEER_WORK ?? '/tmp/modsec-peer', 'modsec-eval') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--passes' || a === '--warmup' || a === '--timeout' || a === '--rounds') {
      const n = Number(val());
      if (!Number.isInteger(n) || n < (a === '--warmup' ? 0 : 1)) throw new Error(`bad ${a}`);
      o[a.slice(2)] = n;
    } else if (a === '--only') o.only = new Set(val().split(','));
    else if (a === '--work') o.work = path.resolve(val());
    else if (a === '--out') o.out = val();
    else if (a === '--modsec') o.modsec = path.resolve(val());
    else if (a === '--build') o.build = true;
    else if (a === '--core') {
      o.core = val();
      if (o.core !== 'none' && !/^\d+$/.test(o.core)) throw new Error('bad --core: a CPU number or none');
    }
    else throw new Error(`unknown option ${a}\nusage: node bench/compare.mjs [--passes N] [--warmup K] [--rounds R] [--only a,b] [--work DIR] [--modsec PATH] [--out DIR] [--timeout SEC] [--core C|none] [--build]`);
  }
  return o;
}

const opt = parseArgs(process.argv.slice(2));
// Paths handed to the engines are relative to the repo root (as in the brief), so the commands in the
// report can be pasted from there.
const CONF = '../shared/peers/modsec/conf/crs-production.conf';
const PEER = '../shared/peers/modsec';
const LARGE_REQUESTS = 10; // requests of each large shape, each timed once: enough samples for a median
mkdirSync(opt.work, { recursive: true });
mkdirSync(path.resolve(root, opt.out), { recursive: true });

/** Shell-quotes an argument for display (commands are run without a shell). */
const q = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);
const passes = (n) => `${n} pass${n === 1 ? '' : 'es'}`;
const cmdline = (argv, env) => [...Object.entries(env ?? {}).map(([k, v]) => `${k}=${q(v)}`), ...argv.map(q)].join(' ');

function run(argv, { env, stdoutFile, timeoutS } = {}) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, env: { ...process.env, ...env }, maxBuffer: 1 << 30, encoding: 'utf8', timeout: timeoutS ? timeoutS * 1000 : undefined });
  if (r.error?.code === 'ETIMEDOUT') return null;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmdline(argv, env)} exited ${r.status}: ${(r.stderr || r.stdout).slice(-2000)}`);
  if (stdoutFile) writeFileSync(stdoutFile, r.stdout);
  return r;
}

// ---------------------------------------------------------------- corpora

const work = (f) => path.join(opt.work, f);


/** A corpus of `gen-benign.mjs` (the same bytes on every run for a given size and seed). */
function generatedBenign(name, n, seed) {
  return () => {
    const file = work(name);
    const argv = ['node', `${PEER}/gen-benign.mjs`, '--n', String(n), '--seed', String(seed)];
    run(argv, { stdoutFile: file });
    return { file, commands: [`${cmdline(argv)} > ${q(file)}`] };
  };
}

const corpora = [
  { key: 'benign', title: '(a) benign synthetic', kind: 'benign', prepare: generatedBenign('benign.jsonl', 2000, 20240607) },
  // The same generator, four times as many requests: more distinct values than the Waf's table of
  // value analyses holds (8192), so most values are new to it, as in traffic that does not repeat.
  { key: 'benign8k', title: '(a2) benign synthetic, 8000 requests', kind: 'benign', prepare: generatedBenign('benign-8000.jsonl', 8000, 20240608) },
  {
    key: 'csic', title: '(b) CSIC 2010 (benign)', kind: 'benign',
    prepare: () => ({ file: '../shared/corpus/csic2010.jsonl', commands: [] }),
  },
  {
    key: 'crs', title: '(c) CRS regression requests', kind: 'crs',
    prepare() {
      const file = work('ftw-requests.jsonl');
      const argv = ['node', `${PEER}/ftw2jsonl.mjs`, '--tests', '../shared/crs/tests/regression/tests', '--out', file,
        '--expect', work('ftw-expect.jsonl'), '--unsupported', work('ftw-unsupported.jsonl')];
      // yaml comes from the peer's work folder (build.sh) or, failing that, this repo's node_modules
      const env = { NODE_PATH: [path.join(path.dirname(opt.modsec), 'node_modules'), path.join(root, 'node_modules')].join(path.delimiter) };
      run(argv, { env });
      return { file, commands: [cmdline(argv, env)] };
    },
  },
  {
    key: 'attacks', title: '(d) attack corpora', kind: 'attack',
    prepare() {
      const parts = ATTACK_CORPORA.map((n) => `../shared/corpus/${n}.jsonl`);
      const file = work('attacks.jsonl');
      writeFileSync(file, parts.map((p) => readFileSync(path.resolve(root, p), 'utf8').replace(/\n?$/, '\n')).join(''));
      return { file, commands: [`cat ${parts.join(' ')} > ${q(file)}`] };
    },
  },
  {
    key: 'large', title: '(e) single large requests (64 KB)', kind: 'large',
    prepare() {
      const list = largeRequests();
      const file = work('large.jsonl');
      const jsonl = (requests) => requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
      writeFileSync(file, jsonl(list));
      // each shape apart: variants 1..LARGE_REQUESTS timed, the first of them alone for a cold run,
      // and the next LARGE_REQUESTS variants of every shape for portcullis's warm-up
      const variants = (from) => Array.from({ length: LARGE_REQUESTS }, (_, k) => largeRequests(from + k));
      const timed = variants(1);
      const warmup = work('large-warmup.jsonl');
      writeFileSync(warmup, jsonl(variants(LARGE_REQUESTS + 1).flat()));
      const singles = list.map((r, j) => {
        const f = work(`${r.id}.jsonl`);
        const first = work(`${r.id}-first.jsonl`);
        writeFileSync(f, jsonl(timed.map((v) => v[j])));
        writeFileSync(first, jsonl([timed[0][j]]));
        return { id: r.id, file: f, first, warmup };
      });
      return {
        file,
        singles,
        commands: [`(written by bench/compare.mjs: ${list.length} requests, one per line; per shape ${q(opt.work)}/<id>.jsonl (${LARGE_REQUESTS} variants), <id>-first.jsonl, and large-warmup.jsonl)`],
      };
    },
  },
].filter((c) => !opt.only || opt.only.has(c.key));

// ---------------------------------------------------------------- running

const haveModsec = existsSync(opt.modsec);
const engines = [
  {
    key: 'portcullis', name: 'portcullis',
    argv: (file, passes, warmup, warmupIn) => ['node', 'dist/cli/main.js', 'bench', '--conf', CONF, '--in', file, '--passes', String(passes), '--warmup', String(warmup),
      ...(warmupIn ? ['--warmup-in', warmupIn] : []), '--json'],
  },
  ...(haveModsec ? [{ key: 'modsec', name: 'libmodsecurity', argv: (file, passes, warmup) => [opt.modsec, '--conf', CONF, '--in', file, '--bench', String(passes), '--warmup', String(warmup), '--json'] }] : []),
];

let modsecVersion = null;
const ok = (r) => !!r && !r.skipped && !r.timed_out;
function fig(r, long = false) {
  if (r.skipped) return `not run: ${r.skipped}`;
  if (r.timed_out) return `killed after ${r.timeout_s} s`;
  return long ? `${r.requests} req, ${r.req_per_s.toFixed(0)} req/s, p50 ${r.p50_us.toFixed(1)} µs, p99 ${r.p99_us.toFixed(1)} µs, load ${r.load_ms.toFixed(0)} ms` : `${r.p50_us.toFixed(0)} µs`;
}
/** Of one engine's runs of a corpus, the one of median throughput (the first when none completed). */
function medianRun(runs) {
  const done = runs.filter(ok).sort((a, b) => a.req_per_s - b.req_per_s);
  return done.length ? done[(done.length - 1) >> 1] : runs[0];
}

/** One engine process; with timeoutS, a run killed after that many seconds gives `{ timed_out }` instead of figures. */
function bench(engine, file, passes, { warmup = opt.warmup, warmupIn, timeoutS, pinned = true } = {}) {
  const argv = [...(pinned && pinnedCore !== null ? ['taskset', '-c', pinnedCore] : []), ...engine.argv(file, passes, warmup, warmupIn)];
  const load0 = os.loadavg()[0];
  const t0 = performance.now();
  const r = run(argv, { timeoutS });
  const wall = (performance.now() - t0) / 1000;
  if (!r) return { timed_out: true, timeout_s: timeoutS, command: cmdline(argv) };
  const last = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!last) throw new Error(`${cmdline(argv)}: no JSON line in output`);
  if (engine.key === 'modsec') modsecVersion ??= /libmodsecurity (.*?);/.exec(r.stderr)?.[1] ?? null;
  return { ...JSON.parse(last), command: cmdline(argv), wall_s: wall, loadavg_before: load0, loadavg_after: os.loadavg()[0] };
}

function sh(argv) {
  try {
    return execFileSync(argv[0], argv.slice(1), { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

if (opt.build) run(['npx', 'tsc', '-p', 'tsconfig.json']);
/** The CPU every engine process is pinned to (see --core), or null. */
const pinnedCore = opt.core === 'none' ? null : opt.core ?? (sh(['taskset', '-c', '0', 'true']) !== null ? '0' : null);
if (!existsSync(path.join(root, 'dist/cli/main.js'))) throw new Error('dist/cli/main.js missing: run `npx tsc -p tsconfig.json` first (or pass --build)');

const startedAt = new Date();
const distAtStart = statSync(path.join(root, 'dist/cli/main.js')).mtime.toISOString();
const gitAtStart = sh(['git', 'rev-parse', '--short', 'HEAD']);
const dirtyAtStart = (sh(['git', 'status', '--porcelain', '--untracked-files=no']) ?? '').split('\n').filter(Boolean).length;
const loadStart = os.loadavg();
const results = [];
for (const c of corpora) {
  const prep = c.prepare();
  const entry = { key: c.key, title: c.title, kind: c.kind, file: prep.file, prepare: prep.commands, runs: {}, singles: [] };
  // Each large shape apart first. The shape's first request in a fresh process (cold) also decides
  // whether the engine can afford its LARGE_REQUESTS requests, and whether the (e) file fits in --timeout.
  const budget = {};
  for (const s of prep.singles ?? []) {
    const one = { id: s.id, runs: {}, cold: {} };
    for (const e of engines) {
      const limit = { timeoutS: opt.timeout };
      const probe = bench(e, s.first, 1, { ...limit, warmup: 0 });
      one.cold[e.key] = probe;
      const each = probe.timed_out ? Infinity : probe.max_us;
      const half = (opt.timeout * 1e6) / 2;
      // portcullis warms its JIT on the other variants of every shape, whose values the timed ones do
      // not repeat; libmodsecurity (compiled ahead, no table of values) on the same requests if that fits
      let r = { ...probe, cold_only: true };
      if (each * LARGE_REQUESTS <= half) {
        r = e.key === 'portcullis'
          ? bench(e, s.file, 1, { ...limit, warmup: 1, warmupIn: s.warmup })
          : bench(e, s.file, 1, { ...limit, warmup: each * LARGE_REQUESTS * 2 <= half ? 1 : 0 });
        if (r.timed_out) r = { ...probe, cold_only: true };
      }
      one.runs[e.key] = r;
      budget[e.key] = (budget[e.key] ?? 0) + each;
    }
    entry.singles.push(one);
    console.error(`  ${s.id}: ${engines.map((e) => `${e.name} p50 ${fig(one.runs[e.key])} (first request ${fig(one.cold[e.key])})`).join(', ')}`);
  }
  // with --rounds, the engines run in turn that many times: each round's two runs are next to
  // each other in time, so their ratio is spared most of the machine's changes of speed
  const rounds = c.kind === 'large' ? 1 : opt.rounds;
  const all = Object.fromEntries(engines.map((e) => [e.key, []]));
  for (let k = 0; k < rounds; k++) {
    for (const e of engines) {
      console.error(`${c.title}: ${e.name} ...${rounds > 1 ? ` (round ${k + 1} of ${rounds})` : ''}`);
      const need = (budget[e.key] ?? 0) * (opt.passes + opt.warmup) / 1e6;
      const r = need > opt.timeout
        ? { skipped: Number.isFinite(need) ? `the requests alone add up to ≈ ${need.toFixed(0)} s for ${passes(opt.passes + opt.warmup)}, over the ${opt.timeout} s limit per run` : `one request alone was killed after ${opt.timeout} s` }
        : bench(e, prep.file, opt.passes, c.kind === 'large' ? { timeoutS: opt.timeout } : {});
      all[e.key].push(r);
      console.error(`  ${fig(r, true)}`);
    }
  }
  for (const e of engines) entry.runs[e.key] = medianRun(all[e.key]);
  if (rounds > 1) {
    entry.rounds = Object.fromEntries(engines.map((e) => [e.key, all[e.key].map((r) => (ok(r) ? r.req_per_s : null))]));
    entry.roundRatios = all.portcullis.map((p, k) => (ok(p) && ok(all.modsec?.[k]) ? p.req_per_s / all.modsec[k].req_per_s : null)).filter((r) => r !== null);
  }
  results.push(entry);
}
// On one core, V8's helper threads (GC, compilation) share the core with the load, which then takes
// ~1.7 times as long: the load target is judged on processes free to use the machine, as a server is.
const LOADS = 9;
const unpinnedLoads = [];
if (pinnedCore !== null) {
  const one = work('load-one.jsonl');
  writeFileSync(one, JSON.stringify({ id: 'load', method: 'GET', uri: '/', version: 'HTTP/1.1', headers: [['Host', 'localhost']] }) + '\n');
  console.error(`rule load, ${LOADS} unpinned processes ...`);
  for (let k = 0; k < LOADS; k++) unpinnedLoads.push(bench(engines[0], one, 1, { warmup: 0, pinned: false }));
}
const finishedAt = new Date();
const loadEnd = os.loadavg();

// ---------------------------------------------------------------- machine

const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
const machine = {
  nproc: sh(['nproc']) ?? String(os.availableParallelism()),
  cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
  mem_gib: os.totalmem() / 2 ** 30,
  kernel: `${os.type()} ${os.release()}`,
  node: process.version,
  date: startedAt.toISOString(),
  duration_s: (finishedAt - startedAt) / 1000,
  loadavg_start: loadStart,
  loadavg_end: loadEnd,
  git: gitAtStart,
  git_dirty: dirtyAtStart,
  dist_built: distAtStart,
  dist_rebuilt_during_run: statSync(path.join(root, 'dist/cli/main.js')).mtime.toISOString() !== distAtStart,
  modsec: haveModsec ? (modsecVersion ?? 'libmodsecurity') : null,
};

// ---------------------------------------------------------------- report

const us = (v) => (v == null ? '–' : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));
const int = (v) => (v == null ? '–' : Math.round(v).toLocaleString('en-US'));
const f1 = (v) => (v == null ? '–' : v.toFixed(1));
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const x2 = (v) => (v == null ? '–' : v >= 10 ? `${v.toFixed(1)}×` : v >= 0.1 ? `${v.toFixed(2)}×` : `${v.toPrecision(2)}×`);
const MB = 1.048576; // MiB -> MB
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null;
};

function engineRow(name, r) {
  if (!ok(r)) return `| ${name} | ${fig(r)} | | | | | | | | | | |`;
  return `| ${name} | ${int(r.req_per_s)} | ${us(r.mean_us)} | ${us(r.p50_us)} | ${us(r.p90_us)} | ${us(r.p99_us)} | ${us(r.max_us)} | ${f1(r.load_ms)} | ${r.rules} | ${f1(r.rss_after_load_mib)} | ${f1(r.peak_rss_mib)} | ${r.logged_requests} / ${r.intervened_requests} |`;
}

/** portcullis ÷ libmodsecurity req/s of a corpus: with --rounds, the median of the rounds' ratios. */
function reqRatio(c) {
  if (c.roundRatios?.length) return median(c.roundRatios);
  return ratio(R(c.runs, 'portcullis')?.req_per_s, R(c.runs, 'modsec')?.req_per_s);
}

/** The figures of a run that completed, else null. */
const R = (runs, key) => (ok(runs[key]) ? runs[key] : null);
const allPortcullis = results.flatMap((c) => [c.runs, ...c.singles.map((s) => s.runs)]).map((runs) => R(runs, 'portcullis')).filter(Boolean);
const byKey = Object.fromEntries(results.map((c) => [c.key, c]));

function targets() {
  const rows = [];
  const add = (target, scope, measured, ok) => rows.push({ target, scope, measured, ok });
  for (const k of ['benign', 'csic']) {
    const c = byKey[k];
    if (!c) continue;
    const p = R(c.runs, 'portcullis');
    const s = R(c.runs, 'modsec');
    if (!p) continue;
    add('benign p50 ≤ 50 µs', c.title, `${us(p.p50_us)} µs`, p.p50_us <= 50);
    add('benign p99 ≤ 500 µs', c.title, `${us(p.p99_us)} µs`, p.p99_us <= 500);
    const r = s ? reqRatio(c) : null;
    add('benign throughput ≥ 40× libmodsecurity', c.title, r == null ? 'libmodsecurity not run' : `${x2(r)} (${int(p.req_per_s)} vs ${int(s.req_per_s)} req/s)`, r == null ? null : r >= 40);
  }
  for (const k of ['crs', 'attacks']) {
    const c = byKey[k];
    if (!c) continue;
    const p = R(c.runs, 'portcullis');
    const s = R(c.runs, 'modsec');
    if (!p) continue;
    const r = s ? reqRatio(c) : null;
    add('attack / CRS throughput ≥ 10× libmodsecurity', c.title, r == null ? 'libmodsecurity not run' : `${x2(r)} (${int(p.req_per_s)} vs ${int(s.req_per_s)} req/s)`, r == null ? null : r >= 10);
  }
  const worst = results.filter((c) => R(c.runs, 'portcullis')).map((c) => ({ c, v: c.runs.portcullis.max_us })).sort((a, b) => b.v - a.v)[0];
  if (worst) add('any single request ≤ 5 ms (slowest transaction seen)', 'corpora (a)–(e), all timed passes', `${us(worst.v)} µs max, in ${worst.c.title}`, worst.v <= 5000);
  const singles = (byKey.large?.singles ?? []).filter((s) => R(s.runs, 'portcullis'));
  if (singles.length) {
    const w = singles.map((s) => ({ id: s.id, v: s.runs.portcullis.p50_us })).sort((a, b) => b.v - a.v)[0];
    add('any single request ≤ 5 ms (median of the slowest large shape)', `(e), ${LARGE_REQUESTS} requests of each shape, warm`, `${us(w.v)} µs (${w.id})`, w.v <= 5000);
  }
  const loads = (unpinnedLoads.length ? unpinnedLoads : allPortcullis).map((r) => r.load_ms);
  const ml = median(loads);
  add('rule load ≤ 300 ms', `CRS 4.28 crs-production.conf, median of ${loads.length} loads${unpinnedLoads.length ? ' (processes not pinned)' : ''}`, `${f1(ml)} ms (range ${f1(Math.min(...loads))}–${f1(Math.max(...loads))})`, ml <= 300);
  const rss = allPortcullis.map((r) => r.rss_after_load_mib);
  const mr = median(rss);
  add('RSS after load ≤ 100 MB', `median of ${rss.length} processes`, `${f1(mr * MB)} MB = ${f1(mr)} MiB (range ${f1(Math.min(...rss))}–${f1(Math.max(...rss))} MiB)`, mr * MB <= 100);
  return rows;
}

function report() {
  const L = [];
  const m = machine;
  L.push('# portcullis vs libmodsecurity 3: timing report', '');
  L.push(`Generated by \`node bench/compare.mjs --passes ${opt.passes} --warmup ${opt.warmup}${opt.rounds > 1 ? ` --rounds ${opt.rounds}` : ''}${opt.core !== null ? ` --core ${opt.core}` : ''}${opt.only ? ` --only ${[...opt.only].join(',')}` : ''}\` on ${m.date} (took ${Math.round(m.duration_s)} s). `
    + `Both engines run CRS 4.28.0 with \`${CONF}\` (SecRuleEngine On, paranoia level 1, anomaly threshold 5), `
    + `single-threaded, one process per engine and corpus${pinnedCore !== null ? `, every process pinned to CPU ${pinnedCore} (taskset; the rule-load target is judged on ${LOADS} more processes, not pinned: on one core V8's helper threads share it with the load)` : ''}, ${opt.warmup} untimed warm-up pass then ${passes(opt.passes)} timed over the same JSONL file. `
    + (opt.rounds > 1
      ? `Each corpus but (e) ran ${opt.rounds} rounds of one process per engine, in turn: the figures are each engine's run of median throughput, and the req/s ratio is the median of the rounds' ratios (the two runs of a round are next to each other in time). `
      : '')
    + 'Each transaction is timed whole (phases 1–5, request then the minimal or given response).', '');
  if (!haveModsec) L.push(`> **libmodsecurity not built** (\`${opt.modsec}\` missing): its columns are empty. Build it with \`bash ${PEER}/build.sh\` and rerun.`, '');

  L.push('## Machine', '');
  L.push('| | |', '| --- | --- |');
  L.push(`| CPU | ${m.cpu}, nproc ${m.nproc} |`, `| memory | ${m.mem_gib.toFixed(1)} GiB |`, `| OS | ${m.kernel} |`, `| Node | ${m.node} |`);
  L.push(`| libmodsecurity | ${m.modsec ?? 'not built'} |`);
  L.push(`| portcullis | git ${m.git ?? '?'}${m.git_dirty ? ` + ${m.git_dirty} modified tracked files (work in progress)` : ''}, dist built ${m.dist_built}${m.dist_rebuilt_during_run ? ' (**dist/ was rebuilt by another job during the run**: later corpora ran newer code)' : ''} |`);
  L.push(`| load average (1/5/15 min) | start ${m.loadavg_start.map((v) => v.toFixed(2)).join(' / ')}, end ${m.loadavg_end.map((v) => v.toFixed(2)).join(' / ')} |`);
  L.push('');
  const la = results.flatMap((c) => [c.runs, ...c.singles.map((x) => x.runs)]).flatMap((runs) => Object.values(runs)).filter(ok).flatMap((r) => [r.loadavg_before, r.loadavg_after]);
  if (Math.max(...la) > Number(m.nproc) * 0.5) {
    L.push(`The machine is shared: the 1-minute load average ranged ${Math.min(...la).toFixed(2)}–${Math.max(...la).toFixed(2)} on ${m.nproc} CPUs during the runs, `
      + 'so other processes competed for the CPU and absolute figures (especially max and p99) are pessimistic. '
      + 'The engines ran one after the other on each corpus, under similar load, so the ratios are the more robust figures.', '');
  }

  L.push('## Targets', '');
  L.push('| target | scope | measured (portcullis) | status |', '| --- | --- | --- | --- |');
  for (const t of targets()) L.push(`| ${t.target} | ${t.scope} | ${t.measured} | ${t.ok == null ? 'not measured' : t.ok ? '**met**' : '**not met**'} |`);
  L.push('');

  L.push('## Summary', '');
  L.push('| corpus | requests | portcullis req/s | libmodsecurity req/s | req/s ratio | portcullis p50 µs | libmodsecurity p50 µs | p50 ratio |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const c of results) {
    const p = R(c.runs, 'portcullis') ?? {};
    const s = R(c.runs, 'modsec');
    L.push(`| ${c.title} | ${p.requests ?? '–'} | ${int(p.req_per_s)} | ${int(s?.req_per_s)} | ${x2(s ? reqRatio(c) : null)} | ${us(p.p50_us)} | ${us(s?.p50_us)} | ${x2(ratio(p.p50_us, s?.p50_us))} |`);
  }
  L.push('', 'req/s ratio = portcullis ÷ libmodsecurity (above 1: portcullis is faster); p50 ratio = portcullis ÷ libmodsecurity (below 1: portcullis is faster).', '');
  L.push('![p50/p90/p99 per corpus, log scale](latency.svg)', '');

  L.push('## Per corpus', '');
  L.push('Times in µs per transaction; load in ms; RSS in MiB. "logged / blocked" counts, in the first timed pass, requests where at least one rule logged and requests with a disruptive intervention: equal counts mean both engines reached the same verdicts.', '');
  for (const c of results) {
    const p = c.runs.portcullis;
    const s = c.runs.modsec;
    L.push(`### ${c.title}`, '');
    L.push(`\`${c.file}\`${ok(p) ? `: ${p.requests} requests × ${passes(p.passes)}` : ''}.`, '');
    if (c.rounds) {
      const list = (key) => (c.rounds[key] ?? []).map((v) => (v == null ? '–' : int(v))).join(', ');
      L.push(`Rounds (req/s): portcullis ${list('portcullis')}; libmodsecurity ${list('modsec')}; ratios ${c.roundRatios.map(x2).join(', ')}.`, '');
    }
    L.push('| engine | req/s | mean | p50 | p90 | p99 | max | load ms | rules | RSS after load | peak RSS | logged / blocked |');
    L.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    L.push(engineRow('portcullis', p));
    if (s) {
      L.push(engineRow('libmodsecurity', s));
      if (ok(p) && ok(s)) L.push(`| portcullis ÷ libmodsecurity | **${x2(reqRatio(c))}** | | **${x2(ratio(p.p50_us, s.p50_us))}** | | | | | | | | |`);
    } else L.push('| libmodsecurity | not built | | | | | | | | | | |');
    L.push('');
    if (c.singles.length) {
      L.push(`Each shape apart, in µs: ${LARGE_REQUESTS} requests of the shape with other contents than the corpus's (names, values, ids; same sizes), `
        + 'each timed once in one process (p50 and max). portcullis first warms up on other variants of all six shapes '
        + `(\`--warmup-in\`, ${LARGE_REQUESTS * 6} requests): its JIT is warm, as in a server, and the timed values are still new to it `
        + '(its table of value analyses would answer a repeated request from memory). libmodsecurity, compiled ahead of time and without such a table, '
        + `warms up on the same ${LARGE_REQUESTS} requests when that fits in half of the ${opt.timeout} s limit. `
        + '"First request" is the shape\'s first request in a fresh process, without warm-up; an engine too slow for all the requests is shown by it alone (²).', '');
      L.push('| request | body (65 536 bytes) | portcullis first request | portcullis p50 | portcullis max | libmodsecurity first request | libmodsecurity p50 | libmodsecurity max | p50 ratio | blocked (portcullis / libmodsecurity) |');
      L.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      const cell = (r, k) => (r == null ? '–' : r.timed_out ? `> ${r.timeout_s} s (killed)` : `${us(r[k])}${r.cold_only ? ' ²' : ''}`);
      const blocked = (r) => (ok(r) ? (r.intervened_requests ? 'yes' : 'no') : '–');
      for (const one of c.singles) {
        const a = one.runs.portcullis;
        const b = one.runs.modsec;
        const r = ok(a) && ok(b) ? ratio(a.p50_us, b.p50_us) : null;
        const first = (x) => cell(one.cold?.[x] ?? null, 'max_us').replace(' ²', '');
        L.push(`| ${one.id} | ${LARGE_DESC[one.id]} | ${first('portcullis')} | ${cell(a, 'p50_us')} | ${cell(a, 'max_us')} | ${first('modsec')} | ${cell(b, 'p50_us')} | ${cell(b, 'max_us')} | ${b?.timed_out ? `< ${x2(a.p50_us / (b.timeout_s * 1e6))}` : x2(r)} | ${blocked(a)} / ${blocked(b)} |`);
      }
      L.push('');
    }
  }

  L.push('## Commands', '');
  L.push(`Run from the repository root (\`${root.replace(/\/$/, '')}\`). Temporary corpora are in \`${opt.work}\`.`, '', '```sh', 'npx tsc -p tsconfig.json');
  for (const c of results) {
    L.push(`# ${c.title}`);
    for (const cmd of c.prepare) L.push(cmd);
    for (const r of Object.values(c.runs)) L.push(r.command ?? `# libmodsecurity not run: ${r.skipped}`);
    if (c.singles.length) {
      L.push(`# each shape apart: same commands with --in ${opt.work}/<id>-first.jsonl --passes 1 --warmup 0 (first request), then`);
      L.push(`#   --in ${opt.work}/<id>.jsonl --passes 1 --warmup 1 --warmup-in ${opt.work}/large-warmup.jsonl (portcullis); --bench 1 --warmup 1 or 0 (libmodsecurity, see above)`);
    }
  }
  L.push('```', '');
  L.push('Raw figures of every run (including per-pass req/s and the load average before and after each run) are in `results.json`.', '');
  return L.join('\n');
}

// ---------------------------------------------------------------- SVG

const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);

function svg() {
  const W = 1000;
  const H = 520;
  const M = { left: 78, right: 170, top: 84, bottom: 78 };
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const pct = [['p50_us', 'p50', 1], ['p90_us', 'p90', 0.62], ['p99_us', 'p99', 0.32]];
  const eng = engines.map((e) => ({ ...e, color: e.key === 'portcullis' ? '#1f5fa8' : '#c8501e' }));
  const values = results.flatMap((c) => eng.flatMap((e) => pct.map(([k]) => R(c.runs, e.key)?.[k]))).filter((v) => v > 0);
  const lines = [[50, 'benign p50 target 50 µs'], [500, 'benign p99 target 500 µs'], [5000, 'single request limit 5 ms']];
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values, 50)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values, 5000)));
  const y = (v) => M.top + ph * (1 - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));
  const groupW = pw / results.length;
  const barW = Math.min(22, (groupW * 0.8) / (eng.length * pct.length));
  const label = (v) => (v >= 1000 ? `${+(v / 1000).toFixed(v >= 10000 ? 0 : 1)} ms` : `${Math.round(v)} µs`);
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  o.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  o.push(`<text x="${M.left}" y="24" font-size="15" font-weight="bold">Per-transaction latency, CRS 4.28 PL1 (crs-production.conf), single thread</text>`);
  o.push(`<text x="${M.left}" y="42" fill="#555">p50 / p90 / p99 per corpus, log scale, bar labels in µs; ${esc(machine.cpu)}, ${machine.nproc} CPUs, ${machine.date.slice(0, 10)}</text>`);
  for (let d = lo; d <= hi; d *= 10) {
    for (const k of [1, 2, 5]) {
      const v = d * k;
      if (v > hi) break;
      const major = k === 1;
      o.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${major ? '#bbb' : '#eee'}"/>`);
      if (major) o.push(`<text x="${M.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${label(v)}</text>`);
    }
  }
  o.push(`<text transform="translate(18 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">time per transaction (log scale)</text>`);
  results.forEach((c, gi) => {
    const gx = M.left + gi * groupW;
    const total = eng.length * pct.length * barW + (eng.length - 1) * barW * 0.6;
    let bx = gx + (groupW - total) / 2;
    for (const e of eng) {
      const r = R(c.runs, e.key);
      if (!r) {
        const w = pct.length * barW;
        o.push(`<text transform="translate(${(bx + w / 2 + 4).toFixed(1)} ${M.top + ph - 6}) rotate(-90)" font-size="10" fill="${e.color}">${esc(`${e.name}: not run`)}<title>${esc(fig(c.runs[e.key]))}</title></text>`);
        bx += w + barW * 0.6;
        continue;
      }
      for (const [k, name, opacity] of pct) {
        const v = r[k];
        const top = y(Math.max(v, lo));
        o.push(`<rect x="${bx.toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(M.top + ph - top).toFixed(1)}" fill="${e.color}" fill-opacity="${opacity}" stroke="${e.color}"><title>${esc(`${e.name} ${name} ${c.title}: ${us(v)} µs`)}</title></rect>`);
        o.push(`<text transform="translate(${(bx + barW / 2 + 3).toFixed(1)} ${(top - 4).toFixed(1)}) rotate(-90)" font-size="9" fill="#333">${esc(us(v))}</text>`);
        bx += barW;
      }
      bx += barW * 0.6;
    }
    const words = c.title.replace(/^(\(\w\)) /, '$1|').split('|');
    o.push(`<text x="${(gx + groupW / 2).toFixed(1)}" y="${M.top + ph + 18}" text-anchor="middle" font-weight="bold">${esc(words[0])}</text>`);
    o.push(`<text x="${(gx + groupW / 2).toFixed(1)}" y="${M.top + ph + 33}" text-anchor="middle">${esc(words[1] ?? '')}</text>`);
    o.push(`<text x="${(gx + groupW / 2).toFixed(1)}" y="${M.top + ph + 48}" text-anchor="middle" fill="#555">${R(c.runs, 'portcullis')?.requests ?? '–'} requests</text>`);
  });
  for (const [v, text] of lines) {
    o.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#2a8a2a" stroke-dasharray="6 4"/>`);
    o.push(`<text x="${M.left + pw + 6}" y="${(y(v) + 4).toFixed(1)}" fill="#2a8a2a" font-size="11">${esc(text)}</text>`);
  }
  o.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + ph}" stroke="#333"/>`);
  o.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${M.top + ph}" y2="${M.top + ph}" stroke="#333"/>`);
  o.push(`<text x="${M.left + pw / 2}" y="${H - 8}" text-anchor="middle">corpus</text>`);
  // legend: one row under the title, engine colours with a shade per percentile
  let lx = M.left;
  const ly = 58;
  for (const e of eng) {
    o.push(`<text x="${lx}" y="${ly + 9}" font-weight="bold">${esc(e.name)}</text>`);
    lx += e.name.length * 7.5 + 8;
    for (const [, name, opacity] of pct) {
      o.push(`<rect x="${lx}" y="${ly}" width="14" height="10" fill="${e.color}" fill-opacity="${opacity}" stroke="${e.color}"/>`);
      o.push(`<text x="${lx + 18}" y="${ly + 9}">${name}</text>`);
      lx += 50;
    }
    lx += 20;
  }
  o.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly + 5}" y2="${ly + 5}" stroke="#2a8a2a" stroke-dasharray="6 4"/><text x="${lx + 30}" y="${ly + 9}">project targets</text>`);
  if (!haveModsec) o.push(`<text x="${lx + 140}" y="${ly + 9}" fill="#a00">libmodsecurity not built</text>`);
  o.push('</svg>');
  return o.join('\n') + '\n';
}

const outDir = path.resolve(root, opt.out);
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ machine, options: { passes: opt.passes, warmup: opt.warmup, conf: CONF, large_requests: LARGE_REQUESTS, core: pinnedCore }, corpora: results, unpinned_loads: unpinnedLoads }, null, 1) + '\n');
writeFileSync(path.join(outDir, 'report.md'), report());
writeFileSync(path.join(outDir, 'latency.svg'), svg());
console.error(`wrote ${path.relative(root, outDir)}/report.md, latency.svg, results.json`);
