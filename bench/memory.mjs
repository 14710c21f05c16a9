#!/usr/bin/env node
// Memory of a loaded rule set over its life: after load, after Waf.warm(), after a file of requests.
//   node --expose-gc bench/memory.mjs [--conf FILE] [--in FILE.jsonl]
// Defaults: CRS PL1 (../shared/peers/modsec/conf/crs-production.conf) and 2000 benign requests of
// gen-benign.mjs (seed 20240607). Prints RSS, heap and array-buffer MiB at each stage (after a GC).
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
