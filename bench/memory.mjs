#!/usr/bin/env node
// Memory of a loaded rule set over its life: after load, after Waf.warm(), after a file of requests.
//   node --expose-gc bench/memory.mjs [--conf FILE] [--in FILE.jsonl]
// Defaults: CRS PL1 (../shared/peers/modsec/conf/crs-production.conf) and 2000 benign requests of
// gen-benign.mjs (seed 20240607), then 300 form posts of 1 MB. Prints RSS, heap and array-buffer MiB
// at each stage (after a GC).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CRS_CONF, ROOT, benignLines } from './shared-data.mjs';

const { values: args } = parseArgs({ options: { conf: { type: 'string' }, in: { type: 'string' } } });
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const conf = args.conf ?? CRS_CONF;
let input = args.in;
if (!input) {
  input = join(mkdtempSync(join(tmpdir(), 'portcullis-memory-')), 'benign.jsonl');
  writeFileSync(input, benignLines(2000).join('\n'));
}
const { Waf } = await import(join(ROOT, 'dist/index.js'));
const { readRequests, runRequest } = await import(join(ROOT, 'dist/cli/requests.js'));
const requests = readRequests(input).filter((r) => !('error' in r));
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
function stage(label) {
  global.gc();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(22)} rss ${mib(m.rss)}  heapUsed ${mib(m.heapUsed)}  arrayBuffers ${mib(m.arrayBuffers)}  external ${mib(m.external)} MiB`);
}
stage('modules loaded');
const waf = Waf.fromFileSync(conf);
stage('rules loaded');
await waf.warm();
stage('after warm()');
for (const r of requests) runRequest(waf, r);
stage(`after ${requests.length} requests`);

// Tables kept across transactions must not keep request bodies alive: values cut out of a body
// are slices of it. 300 form posts of 1 MB, each with a new short token besides a 1 MB argument.
const filler = `pad=${'a'.repeat(2 ** 20)}`;
for (let i = 0; i < 300; i++) {
  const body = `token=${i.toString(36).padStart(8, '0')}${'x'.repeat(24)}&${filler}`;
  runRequest(waf, {
    ...requests[0], method: 'POST', uri: '/form', body,
    headers: [['Host', 'localhost'], ['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(body.length)]],
  });
}
stage('after 300 × 1 MB posts');
