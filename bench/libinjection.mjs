// Benchmarks detectSQLi / detectXSS (mean CPU ns per call).
// Usage: node bench/libinjection.mjs [path/to/operators/libinjection/index.js]
//   (or LIBINJECTION_MODULE=...); default: ../dist/operators/libinjection/index.js (build with `npx tsc`).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const target = process.argv[2] ?? process.env.LIBINJECTION_MODULE;
const url = target ? pathToFileURL(resolve(target)).href : new URL('../dist/operators/libinjection/index.js', import.meta.url).href;
const { detectSQLi, detectXSS } = await import(url);

const typicalSqli = "id=1234&name=John+O'Reilly&search=blue+shoes+size+42&sort=price_asc&page=3&filter=brand:acme,color:blue&session=9f8e7d6c5b4a3f2e1d0c&ref=https://example.com/products?cat=7";
const typicalXss = 'Hello <b>world</b>, see <a href="https://example.com/page?x=1&y=2">this link</a> and the image <img src="/img/logo.png" alt="logo"> for details; price < 5 & qty > 2.';
const inputs = {
  'short benign': 'hello world 42',
  'short attack': "1' or '1'='1",
  'typical benign': typicalSqli,
  'typical attack': "name=foo&id=1' UNION SELECT username, password FROM users WHERE '1'='1' -- &page=2&sort=asc&x=" + 'a'.repeat(100),
};

function fill(unit, n) {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

function bench(fn, input, minMs = 300) {
  for (let i = 0; i < 2000; i++) fn(input); // warm up
  let iters = 0;
  let sink = 0;
  // CPU time, not wall time: keeps the figures meaningful on a busy machine
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  const budget = BigInt(minMs) * 1_000_000n;
  while (elapsed < budget) {
    for (let i = 0; i < 200; i++) sink += fn(input) ? 1 : 0;
    iters += 200;
    elapsed = process.hrtime.bigint() - start;
  }
  if (sink < 0) console.log(sink);
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) * 1000) / iters;
}

const sqli = (s) => detectSQLi(s).isInjection;
const rows = [];
for (const [name, s] of Object.entries(inputs)) rows.push(['detectSQLi', name, s.length, bench(sqli, s)]);
rows.push(['detectXSS', 'short benign', inputs['short benign'].length, bench(detectXSS, inputs['short benign'])]);
rows.push(['detectXSS', 'short attack', 13, bench(detectXSS, '<script>x</sc')]);
rows.push(['detectXSS', 'typical benign', typicalXss.length, bench(detectXSS, typicalXss)]);
for (const kb of [1, 8, 64]) {
  const n = kb * 1024;
  rows.push(['detectSQLi', `${kb} KB benign`, n, bench(sqli, fill(typicalSqli + ' ', n))]);
  rows.push(['detectXSS', `${kb} KB benign`, n, bench(detectXSS, fill(typicalXss + ' ', n))]);
}

console.log(`module: ${url}`);
console.log('function     input            bytes    ns/call   ns/byte');
for (const [fn, name, len, ns] of rows) {
  console.log(`${fn.padEnd(12)} ${name.padEnd(16)} ${String(len).padStart(6)} ${ns.toFixed(0).padStart(10)} ${(ns / len).toFixed(2).padStart(9)}`);
}
