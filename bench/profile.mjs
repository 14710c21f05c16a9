#!/usr/bin/env node
// Where the time goes: CPU profiles of portcullis with CRS PL1 on the corpora of compare.mjs, summed
// by part of the engine and by function, written to bench/results/profile.md.
//   node bench/profile.mjs [--only benign,csic,attacks,json,form] [--interval US] [--out DIR]
// Each corpus runs in its own process, as `portcullis bench` runs it: CRS loaded, Waf.warm(), an
// untimed warm-up, then timed passes under V8's sampling profiler (node:inspector), which is
// started after the warm-up so that load, warm-up and JIT compilation stay out of the figures.
// The large shapes warm up on other variants of all six shapes and are timed on new ones, as in
// the report's (e) table. Sampling slows the run by a few percent; shares are what to read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { ATTACK_CORPORA, CRS_CONF, ROOT, SHARED, benignLines } from './shared-data.mjs';
import { largeRequests } from './large-requests.mjs';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' }, interval: { type: 'string', default: '100' }, out: { type: 'string', default: 'bench/results' },
    child: { type: 'boolean', default: false }, warm: { type: 'string' }, in: { type: 'string' }, passes: { type: 'string' },
  },
});

/** Parts of the engine, by the source folder a function is in (native frames by name). */
const AREAS = [
  ['engine/', 'rule loop, transaction, collections (src/engine)'],
  ['compiler/', 'prefilters: Aho–Corasick, literal filters, set groups (src/compiler)'],
  ['transformations/', 'transformations'],
  ['operators/libinjection/', 'libinjection (detectSQLi, detectXSS)'],
  ['operators/', 'operators'],
  ['actions/', 'actions (setvar, captures...)'],
  ['variables/', 'variables'],
  ['bodies/', 'body processors'],
  ['support/', 'operators\' shared helpers (src/support)'],
  ['cli/', 'the bench harness (building each request)'],
];
const NATIVE = { '(garbage collector)': 'garbage collector', '(program)': 'V8 (program)', '(idle)': 'idle' };

function areaOf(frame) {
  const { url, functionName } = frame;
  if (!url) return NATIVE[functionName] ?? `native: RE2 and V8 builtins`;
  if (url.startsWith('node:')) return 'Node internals';
  const file = url.replace(/^file:\/\//, '');
  for (const [dir, name] of AREAS) if (file.includes(`/dist/${dir}`)) return name;
  return 'other';
}

/** dist/engine/transaction.js → src/engine/transaction.ts (the profile's lines are the JS's, so none are given). */
function sourceOf(url) {
  if (!url) return '';
  if (url.startsWith('node:')) return url;
  const rel = relative(join(ROOT, 'dist'), url.replace(/^file:\/\//, ''));
  return rel.startsWith('..') ? url : `src/${rel.replace(/\.js$/, '.ts')}`;
}

async function child() {
  const { Waf } = await import(join(ROOT, 'dist/index.js'));
  const { readRequests, runRequest } = await import(join(ROOT, 'dist/cli/requests.js'));
  const waf = Waf.fromFileSync(CRS_CONF);
  await waf.warm();
  for (const r of readRequests(args.warm)) if (!('error' in r)) runRequest(waf, r);
  const requests = readRequests(args.in).filter((r) => !('error' in r));
  const passes = Number(args.passes);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: Number(args.interval) });
  await session.post('Profiler.start');
  const t0 = performance.now();
  for (let p = 0; p < passes; p++) for (const r of requests) runRequest(waf, r);
  const us = ((performance.now() - t0) * 1000) / passes / requests.length;
  const { profile } = await session.post('Profiler.stop');
  // self time per node, then per function and per area
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  // the inspector's own calls (Profiler.stop and what it runs natively) are not the engine's
  const inspector = new Set();
  const mark = (node, inside) => {
    inside ||= node.callFrame.url === 'node:inspector';
    if (inside) inspector.add(node.id);
    for (const c of node.children ?? []) mark(nodes.get(c), inside);
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  mark(profile.nodes[0], false);
  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (t === 0 || inspector.has(node.id)) continue;
    total += t;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'}\t${sourceOf(f.url)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
    const area = areaOf(f);
    byArea.set(area, (byArea.get(area) ?? 0) + t);
  }
  const share = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([k, t]) => [k, t / total]);
  console.log(JSON.stringify({ us, requests: requests.length, passes, samples: profile.samples.length, areas: share(byArea), functions: share(byFunction).slice(0, 15) }));
  process.exit(0);
}

if (args.child) await child();

const dir = mkdtempSync(join(tmpdir(), 'portcullis-profile-'));
const jsonl = (name, requests) => {
  const file = join(dir, name);
  writeFileSync(file, requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  return file;
};
const benign = jsonl('benign.jsonl', benignLines(2000));
const shapes = (from, n) => Array.from({ length: n }, (_, k) => largeRequests(from + k));
const largeWarmup = jsonl('large-warmup.jsonl', shapes(31, 10).flat());
const timed = shapes(1, 30);
const shape = (id) => timed.map((variants) => variants.find((r) => r.id.startsWith(`${id}-v`)));
const attacks = jsonl('attacks.jsonl', ATTACK_CORPORA
  .flatMap((n) => readFileSync(join(SHARED, 'corpus', `${n}.jsonl`), 'utf8').split('\n').filter(Boolean)));
const csic = join(SHARED, 'corpus/csic2010.jsonl');

const corpora = [
  { key: 'benign', title: '(a) benign synthetic, 2000 requests', warm: benign, in: benign, passes: 5 },
  { key: 'csic', title: '(b) CSIC 2010, 5000 requests', warm: csic, in: csic, passes: 2 },
  { key: 'attacks', title: '(d) attack corpora, 4264 requests', warm: attacks, in: attacks, passes: 2 },
  { key: 'json', title: '(e) large-json-nested: 30 new 64 KB nested JSON bodies', warm: largeWarmup, in: jsonl('json.jsonl', shape('large-json-nested')), passes: 1 },
  { key: 'form', title: '(e) large-form-255-args: 30 new 64 KB forms of 255 arguments', warm: largeWarmup, in: jsonl('form.jsonl', shape('large-form-255-args')), passes: 1 },
].filter((c) => !args.only || args.only.split(',').includes(c.key));

const script = new URL(import.meta.url).pathname;
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const git = (a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
const commit = git(['rev-parse', '--short', 'HEAD']) + (git(['status', '--porcelain', '--untracked-files=no']) ? ' (uncommitted changes)' : '');
const L = [
  '# Where the time goes: CPU profiles of portcullis + CRS 4.28 PL1',
  '',
  `Command: \`node bench/profile.mjs${args.only ? ` --only ${args.only}` : ''}\` (after \`npx tsc -p tsconfig.json\`)`,
  '',
  `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}; portcullis ${commit}; ${new Date().toISOString()}; load average before: ${loadavg().map((v) => v.toFixed(2)).join(' ')}.`,
  '',
  'Each corpus in its own process: `../shared/peers/modsec/conf/crs-production.conf` loaded, `Waf.warm()`, one untimed pass (the large shapes: 10 other variants of each of the six shapes), then the timed passes under V8\'s sampling profiler ' +
    `(every ${args.interval} µs). Self time only: a function's share is the time spent in its own code, including what V8 inlined into it. ` +
    '"native" is code outside JavaScript: RE2 (its sets and regexes) and V8\'s builtins (RegExp, Map, string functions) called from the engine.',
];
for (const c of corpora) {
  const out = execFileSync(process.execPath, [script, '--child', '--warm', c.warm, '--in', c.in, '--passes', String(c.passes), '--interval', args.interval], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const r = JSON.parse(out.trim().split('\n').pop());
  console.error(`${c.key}: ${r.us.toFixed(1)} µs/request`);
  L.push('', `## ${c.title}`, '', `${r.requests} requests × ${r.passes} pass${r.passes === 1 ? '' : 'es'}, ${r.us.toFixed(1)} µs per request under the profiler, ${r.samples} samples.`, '');
  L.push('| part | self time |', '| --- | ---: |');
  for (const [area, s] of r.areas) if (s >= 0.005) L.push(`| ${area} | ${pct(s)} |`);
  L.push('', '| function | source | self time |', '| --- | --- | ---: |');
  for (const [key, s] of r.functions) {
    const [name, source] = key.split('\t');
    L.push(`| \`${name}\` | ${source || 'native'} | ${pct(s)} |`);
  }
}
const outDir = resolve(ROOT, args.out);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'profile.md'), L.join('\n') + '\n');
console.error(`wrote ${join(args.out, 'profile.md')}`);
