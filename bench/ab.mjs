#!/usr/bin/env node
// Two builds of portcullis on the same requests, to tell changes of a few percent apart on a noisy
// machine: each run is a separate process pinned to one core (taskset), the two builds alternate,
// and the whole is repeated with the order swapped (the build run first in a round tends to gain).
//   node bench/ab.mjs --a <distA> --b <distB> [--in requests.jsonl] [--passes N] [--rounds N] [--core C]
// Each process loads CRS PL1, runs Waf.warm() and one pass over the 2000 benign requests of
// gen-benign.mjs (so that the table of value analyses is full), then times --passes passes over
// --in (default: those same requests). Prints the median µs per request of each build and B/A.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CRS_CONF, benignLines } from './shared-data.mjs';

const { values: args } = parseArgs({
  options: {
    a: { type: 'string' }, b: { type: 'string' }, in: { type: 'string' }, passes: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '5' }, core: { type: 'string', default: '0' }, child: { type: 'boolean', default: false },
    dist: { type: 'string' }, warm: { type: 'string' },
  },
});

if (args.child) {
  const { Waf } = await import(join(args.dist, 'index.js'));
  const { readRequests, runRequest } = await import(join(args.dist, 'cli/requests.js'));
  const waf = Waf.fromFileSync(CRS_CONF);
  await waf.warm();
  for (const r of readRequests(args.warm)) runRequest(waf, r);
  const requests = readRequests(args.in);
  const passes = Number(args.passes);
  const t = performance.now();
  for (let p = 0; p < passes; p++) for (const r of requests) runRequest(waf, r);
  console.log(((performance.now() - t) * 1000) / requests.length / passes);
  process.exit(0);
}

if (!args.a || !args.b) throw new Error('usage: node bench/ab.mjs --a <distA> --b <distB> [--in FILE] [--passes N] [--rounds N] [--core C]');
const warm = join(mkdtempSync(join(tmpdir(), 'portcullis-ab-')), 'benign.jsonl');
writeFileSync(warm, benignLines(2000).join('\n'));
const input = args.in ?? warm;
const script = new URL(import.meta.url).pathname;
const run = (dist) =>
  Number(execFileSync('taskset', ['-c', args.core, process.execPath, script, '--child', '--dist', resolve(dist), '--warm', warm, '--in', input, '--passes', args.passes]).toString());
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

const ratios = [];
for (const [first, second] of [[args.a, args.b], [args.b, args.a]]) {
  const times = new Map([[first, []], [second, []]]);
  for (let i = 0; i < Number(args.rounds); i++) for (const dist of [first, second]) times.get(dist).push(run(dist));
  const a = median(times.get(args.a));
  const b = median(times.get(args.b));
  ratios.push(b / a);
  console.log(`${first === args.a ? 'A first' : 'B first'}: A ${a.toFixed(1)} µs/request, B ${b.toFixed(1)}, B/A ${(b / a).toFixed(3)}`);
}
console.log(`B/A over both orders (geometric mean): ${Math.sqrt(ratios[0] * ratios[1]).toFixed(3)}`);
