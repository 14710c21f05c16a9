#!/usr/bin/env node
// End-to-end throughput of node:http with and without the portcullis adapter:
//   node bench/http.mjs [--duration 10] [--warmup 5] [--connections 4] [--rounds 3] [--only bare,crs,bundled]
//                       [--n 200] [--json] [--out DIR | --no-write] [--cpu-prof DIR] [--engine-time] [--build]
// Each server runs alone in a child process; autocannon drives it from this process over loopback.
// See bench/README.md.
import { execFileSync, fork } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { timeTransactionCalls } from './transaction-timer.mjs';
import { BENIGN_SEED, CRS_CONF, GEN_BENIGN, PAGE, ROOT, app, benignLines } from './shared-data.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The servers measured: the same application, bare or behind `protect` with a rule set. */
const SERVERS = {
  bare: { label: 'bare node:http', conf: null },
  crs: { label: 'protect + CRS 4.28 PL1 (crs-production.conf)', conf: CRS_CONF },
  bundled: { label: 'protect + rules/portcullis.conf', conf: join(ROOT, 'rules/portcullis.conf') },
  // not in the default set: the adapter and the transaction's fixed costs, with nothing to match
  empty: {
    label: 'protect + no rules (engine and body access on)',
    rules: 'SecRuleEngine On\nSecRequestBodyAccess On\nSecResponseBodyAccess On\nSecResponseBodyMimeType text/plain text/html\n',
  },
};


/** Child process: serves on an ephemeral loopback port, reports its CPU time when asked, exits on 'stop'. */
async function serve(kind, engineTime) {
  let listener = app;
  let engine = null;
  const { conf, rules } = SERVERS[kind];
  if (conf || rules) {
    // the engine's share of the server's CPU time (all of it runs on the main thread)
    if (engineTime) engine = await timeTransactionCalls(join(ROOT, 'dist'));
    const { Waf } = await import('../dist/index.js');
    const { protect } = await import('../dist/adapters/index.js');
    const waf = conf ? Waf.fromFileSync(conf) : Waf.fromStringSync(rules);
    listener = protect(app, { waf });
  }
  const server = createServer(listener); // HTTP keep-alive is on by default
  let cpuMark = process.cpuUsage();
  process.on('message', (msg) => {
    if (msg === 'mark') {
      cpuMark = process.cpuUsage();
      engine?.reset();
      process.send({ marked: true });
    } else if (msg === 'cpu') {
      const used = process.cpuUsage(cpuMark);
      process.send({ cpuMs: (used.user + used.system) / 1000, engineMs: engine?.total() });
    } else if (msg === 'stop') {
      server.closeAllConnections();
      server.close(() => process.exit(0)); // a normal exit writes the --cpu-prof profile
    }
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
      only: { type: 'string', default: 'bare,crs,bundled' },
      n: { type: 'string', default: '200' },
      json: { type: 'boolean', default: false },
      out: { type: 'string', default: join(HERE, 'results') },
      'no-write': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'engine-time': { type: 'boolean', default: false },
      build: { type: 'boolean', default: false },
    },
  });
  const kinds = values.only.split(',').filter(Boolean);
  for (const k of kinds) if (!SERVERS[k]) throw new Error(`--only: unknown server '${k}' (${Object.keys(SERVERS).join(', ')})`);
  return {
    ...values,
    kinds,
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    rounds: Number(values.rounds),
    n: Number(values.n),
  };
}

/**
 * The benign corpus as autocannon requests. autocannon writes its own Connection: keep-alive and
 * Content-Length, and speaks HTTP/1.1 only. HEAD becomes GET: autocannon's response parser does not
 * know a HEAD response has no body and would wait for one.
 */
function benignRequests(n) {
  const lines = benignLines(n);
  return lines.map((line) => {
    const r = JSON.parse(line);
    const headers = {};
    for (const [name, value] of r.headers) {
      if (!/^(connection|content-length|transfer-encoding)$/i.test(name)) headers[name] = value;
    }
    const out = { method: r.method === 'HEAD' ? 'GET' : r.method, path: r.uri, headers };
    if (r.body) out.body = r.body;
    return out;
  });
}

function startServer(kind, cpuProfDir, engineTime) {
  const execArgv = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir, '--cpu-prof-name', `${kind}-${Date.now()}.cpuprofile`] : [];
  const args = ['--serve', kind, ...(engineTime ? ['--engine-time'] : [])];
  const child = fork(fileURLToPath(import.meta.url), args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const reply = (key) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m && key in m) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m);
        }
      };
      const onExit = (code) => reject(new Error(`${kind} server exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return {
    ready: reply('port').then((m) => m.port),
    async cpu() {
      const r = reply('cpuMs');
      child.send('cpu');
      return r;
    },
    async mark() {
      const r = reply('marked');
      child.send('mark');
      await r;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('stop');
      }),
  };
}

/** One autocannon run (no worker threads: one load-generator thread); latencies kept at µs resolution. */
async function drive(autocannon, port, requests, opts, seconds) {
  const latencies = [];
  const statuses = {};
  const cpuBefore = process.cpuUsage();
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}`, connections: opts.connections, pipelining: 1, duration: seconds, requests },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const total = latencies.length;
  return {
    requests: total,
    seconds: result.duration,
    reqPerSec: total / result.duration,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    loadGenCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

async function measure(kind, autocannon, requests, opts) {
  const server = startServer(kind, opts['cpu-prof'], opts['engine-time']);
  try {
    const port = await server.ready;
    await drive(autocannon, port, requests, opts, opts.warmup);
    await server.mark();
    const run = await drive(autocannon, port, requests, opts, opts.duration);
    const { cpuMs, engineMs } = await server.cpu();
    run.serverCpuMs = cpuMs;
    run.serverCpuUsPerRequest = (cpuMs * 1000) / run.requests;
    if (engineMs !== undefined) run.engineUsPerRequest = (engineMs * 1000) / run.requests;
    return run;
  } finally {
    await server.stop();
  }
}

function machine() {
  let commit = '';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus()[0]?.model ?? '?',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit: commit + (dirty ? ' (uncommitted changes)' : ''),
    date: new Date().toISOString(),
    loadavg: loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const ms = (x) => (Number.isFinite(x) ? `${fmt(x * 1000)} µs` : '–');

function summarise(kinds, rounds) {
  // the best round of each server (the machine is shared: slower rounds are other jobs' noise)
  const best = {};
  for (const kind of kinds) {
    const runs = rounds.map((r) => r[kind]).filter(Boolean);
    best[kind] = runs.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
  }
  return best;
}

/**
 * Ratios to bare within each round (runs a few seconds apart, under much the same load from the
 * machine's other jobs), then their median over the rounds: req/s protected ÷ bare, and CPU per
 * request bare ÷ protected.
 */
function ratiosToBare(kinds, rounds) {
  const median = (xs) => {
    const sorted = xs.filter(Number.isFinite).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const ratios = {};
  for (const kind of kinds) {
    if (kind === 'bare') continue;
    const paired = rounds.filter((r) => r.bare && r[kind]);
    ratios[kind] = {
      reqPerSec: median(paired.map((r) => r[kind].reqPerSec / r.bare.reqPerSec)),
      cpu: median(paired.map((r) => r.bare.serverCpuUsPerRequest / r[kind].serverCpuUsPerRequest)),
    };
  }
  return ratios;
}

function markdown(report) {
  const { opts, best, rounds, kinds, ratios } = report;
  const engineColumn = opts.engineTime;
  const lines = [
    '# node:http end to end: bare vs. protect',
    '',
    `Command: \`${report.command}\``,
    '',
    `Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; ` +
      `portcullis ${report.machine.commit}; ${report.machine.date}; load average before: ${report.machine.loadavg}, after: ${report.loadAfter}.`,
    '',
    `Load: autocannon in the parent process (one thread, no workers), ${opts.connections} keep-alive connections, pipelining 1, ` +
      `${opts.warmup} s warm-up then ${opts.duration} s timed per run, ${opts.rounds} round(s) of ${kinds.join(', ')} in turn. Figures: the best round of each server; ratios: within each round, median over the rounds. ` +
      `Requests: the ${report.requestCount} benign requests of \`node ../shared/peers/modsec/gen-benign.mjs --n ${opts.n} --seed ${BENIGN_SEED}\` in a cycle ` +
      `(${report.mix}). Response: 200, ${Buffer.byteLength(PAGE)} bytes of text/html, sent once the request body was read.`,
    '',
    `**The load generator shares the ${report.machine.cores} cores with the server** (and with other jobs on this machine, see the load ` +
      'average): autocannon spends about as much CPU per request as the bare server, so the bare figure is capped by the generator ' +
      'and the neighbours as much as by the server, and the req/s ratio flatters the protected server. The server CPU time per ' +
      'request is the steadier figure; "vs. bare (CPU)" is the ratio the servers would reach if each were alone and CPU-bound.' +
      (engineColumn ? ' "In the engine": the time spent inside the Transaction calls the adapter makes (--engine-time), part of the server CPU.' : ''),
    '',
    `| server | req/s | p50 | p99 | server CPU / req |${engineColumn ? ' in the engine / req |' : ''} load-gen CPU | responses | vs. bare (req/s) | vs. bare (CPU) |`,
    `| --- | ---: | ---: | ---: | ---: |${engineColumn ? ' ---: |' : ''} ---: | --- | ---: | ---: |`,
  ];
  for (const kind of kinds) {
    const r = best[kind];
    const codes = Object.entries(r.statuses).map(([s, c]) => `${c}×${s}`).join(', ') + (r.errors ? `, ${r.errors} errors` : '');
    const vs = ratios?.[kind];
    const ratio = vs ? `**${fmt(100 * vs.reqPerSec, 1)} %**` : '';
    const cpuRatio = vs ? `${fmt(100 * vs.cpu, 1)} %` : '';
    lines.push(
      `| ${SERVERS[kind].label} | ${fmt(r.reqPerSec)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${fmt(r.serverCpuUsPerRequest, 1)} µs |` +
        `${engineColumn ? ` ${r.engineUsPerRequest === undefined ? '' : `${fmt(r.engineUsPerRequest, 1)} µs`} |` : ''}` +
        ` ${fmt((100 * r.loadGenCpuMs) / 1000 / r.seconds)} % | ${codes} | ${ratio} | ${cpuRatio} |`,
    );
  }
  if (ratios?.crs) {
    const ratio = ratios.crs.reqPerSec;
    lines.push('', `Target "protect + CRS PL1 ≥ 50 % of bare req/s": **${ratio >= 0.5 ? 'met' : 'not met'}** (${fmt(100 * ratio, 1)} %).`);
  }
  lines.push('', 'Every round (req/s, server CPU µs per request):', '', `| round | ${kinds.join(' | ')} |`, `| --- |${kinds.map(() => ' ---: |').join('')}`);
  rounds.forEach((r, i) => lines.push(`| ${i + 1} | ${kinds.map((k) => (r[k] ? `${fmt(r[k].reqPerSec)}, ${fmt(r[k].serverCpuUsPerRequest)} µs` : '–')).join(' | ')} |`));
  if (report.skipped.length) lines.push('', ...report.skipped.map((s) => `Skipped: ${s}.`));
  return lines.join('\n') + '\n';
}

async function main() {
  const opts = parseOptions();
  if (opts.serve) return serve(opts.serve, opts['engine-time']);

  if (opts.build) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist/adapters/index.js'))) throw new Error('dist/ is missing: run `npm run build` (or pass --build)');
  const skipped = [];
  if (!existsSync(GEN_BENIGN)) throw new Error(`${relative(ROOT, GEN_BENIGN)} is missing: the request mix comes from it`);
  let kinds = opts.kinds;
  if (kinds.includes('crs') && !existsSync(CRS_CONF)) {
    skipped.push(`crs (${relative(ROOT, CRS_CONF)} is absent)`);
    kinds = kinds.filter((k) => k !== 'crs');
  }
  if (opts['cpu-prof']) mkdirSync(opts['cpu-prof'], { recursive: true });
  const { default: autocannon } = await import('autocannon');
  const requests = benignRequests(opts.n);
  const byMethod = {};
  for (const r of requests) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
  const withBody = requests.filter((r) => r.body).length;
  const mix = `${Object.entries(byMethod).map(([m, c]) => `${c} ${m}`).join(', ')}; ${withBody} with a body`;

  const report = {
    command: `node bench/http.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    opts: { duration: opts.duration, warmup: opts.warmup, connections: opts.connections, rounds: opts.rounds, n: opts.n, engineTime: opts['engine-time'] },
    requestCount: requests.length,
    mix,
    kinds,
    skipped,
    rounds: [],
  };
  for (let i = 0; i < opts.rounds; i++) {
    const round = {};
    for (const kind of kinds) {
      round[kind] = await measure(kind, autocannon, requests, opts);
      if (!opts.json) console.error(`round ${i + 1} ${kind}: ${fmt(round[kind].reqPerSec)} req/s, p50 ${ms(round[kind].p50Ms)}, p99 ${ms(round[kind].p99Ms)}`);
    }
    report.rounds.push(round);
  }
  report.loadAfter = loadavg().map((x) => x.toFixed(2)).join(' ');
  report.best = summarise(kinds, report.rounds);
  if (kinds.includes('bare')) report.ratios = ratiosToBare(kinds, report.rounds);
  const md = markdown(report);
  if (!opts['no-write']) {
    mkdirSync(opts.out, { recursive: true });
    writeFileSync(join(opts.out, 'http.md'), md);
  }
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else console.log(md);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
