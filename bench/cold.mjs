#!/usr/bin/env node
// The engine in one process, as in `portcullis bench`, and as a server runs it:
//   node bench/cold.mjs [--conf FILE] [--in FILE.jsonl | --n 200] [--passes 30]
// Modes, alternating pass by pass over the same requests:
//   hot           the same request objects every pass (what `portcullis bench` and compare.mjs time)
//   fresh         every string of each request a new object, as node's parser makes them
//   fresh+kernel  fresh, and a 1-byte write to /dev/null before each transaction: a server enters
//                 the kernel (read, writev, epoll) between any two requests
// Prints µs per transaction for each mode and per host API call. See bench/README.md.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HOST_CALLS, timeTransactionCalls } from './transaction-timer.mjs';
import { CRS_CONF, ROOT, benignLines } from './shared-data.mjs';

const DIST = join(ROOT, 'dist');

const { values: opts } = parseArgs({
  options: {
    conf: { type: 'string', default: CRS_CONF },
    in: { type: 'string' },
    n: { type: 'string', default: '200' },
    passes: { type: 'string', default: '30' },
  },
});

const timer = await timeTransactionCalls(DIST);
const { Waf } = await import(join(DIST, 'index.js'));
const { parseRequestLine, runRequest } = await import(join(DIST, 'cli/requests.js'));

const jsonl = opts.in
  ? readFileSync(opts.in, 'utf8')
  : benignLines(opts.n).join('\n');
const requests = jsonl.split('\n').filter((l) => l.trim() !== '').map((line, i) => parseRequestLine(line, i + 1));
const waf = Waf.fromFileSync(opts.conf);

/** A new string object with the same chars. */
const fresh = (s) => (s === null ? null : Buffer.from(s, 'latin1').toString('latin1'));
const copy = (r) => ({
  ...r,
  method: fresh(r.method),
  uri: fresh(r.uri),
  version: fresh(r.version),
  headers: r.headers.map(([k, v]) => [fresh(k), fresh(v)]),
  body: fresh(r.body),
  response: { ...r.response, headers: r.response.headers.map(([k, v]) => [fresh(k), fresh(v)]), body: fresh(r.response.body) },
});

const devNull = openSync('/dev/null', 'w');
const MODES = {
  hot: { copies: false, kernel: false },
  fresh: { copies: true, kernel: false },
  'fresh+kernel': { copies: true, kernel: true },
};
const results = Object.fromEntries(Object.keys(MODES).map((m) => [m, { us: [], calls: [] }]));
const passes = Number(opts.passes);
const WARMUP = 3;
for (let p = 0; p < WARMUP + passes; p++) {
  const order = Object.keys(MODES);
  for (const mode of p % 2 ? order.reverse() : order) {
    const { copies, kernel } = MODES[mode];
    const batch = copies ? requests.map(copy) : requests;
    timer.reset();
    let total = 0;
    for (const r of batch) {
      if (kernel) writeSync(devNull, 'x');
      const t = performance.now();
      runRequest(waf, r);
      total += performance.now() - t;
    }
    if (p < WARMUP) continue;
    results[mode].us.push((total * 1000) / batch.length);
    results[mode].calls.push(Object.fromEntries(HOST_CALLS.map((c) => [c, (timer.ms[c] * 1000) / batch.length])));
  }
}
closeSync(devNull);

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const hot = results.hot.us;
console.log(`${requests.length} requests, ${opts.conf}; ${passes} passes of each mode in turn (+${WARMUP} warm-up); µs per transaction, medians over the passes`);
console.log(`| mode | transaction | vs. hot (paired) | ${HOST_CALLS.join(' | ')} |`);
console.log(`| --- | ---: | ---: |${HOST_CALLS.map(() => ' ---: |').join('')}`);
for (const [mode, r] of Object.entries(results)) {
  const ratio = median(r.us.map((us, i) => us / hot[i]));
  const calls = HOST_CALLS.map((c) => median(r.calls.map((x) => x[c])).toFixed(1));
  console.log(`| ${mode} | ${median(r.us).toFixed(1)} | ${ratio.toFixed(2)} | ${calls.join(' | ')} |`);
}
