// Differential check against libmodsecurity, run by hand (needs ../shared/peers/modsec/build.sh):
// the same JSON-lines requests through both engines, compared request by request.
//   node bench/diff-modsec.mjs <portcullis-results.jsonl> <modsec-results.jsonl> [--ignore 980170]
// Produce the inputs with
//   node dist/cli/main.js eval --conf C --in R --out P.jsonl
//   $MODSEC_PEER_WORK/modsec-eval --conf C --in R --out M.jsonl
// It prints the verdict agreement, the logged-id agreement, and the rule ids that differ, most
// frequent first (the categories of difference).
import { readFileSync } from 'node:fs';

const [pFile, mFile] = process.argv.slice(2);
if (!pFile || !mFile) {
  console.error('usage: node bench/diff-modsec.mjs <portcullis.jsonl> <modsec.jsonl> [--ignore id,id]');
  process.exit(2);
}
const at = process.argv.indexOf('--ignore');
const ignored = new Set(at > 0 ? process.argv[at + 1].split(',').map(Number) : []);
const load = (f) => new Map(readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((o) => [o.id, o]));
const p = load(pFile);
const m = load(mFile);
let n = 0;
let sameVerdict = 0;
let sameIds = 0;
const onlyP = new Map();
const onlyM = new Map();
const verdicts = [];
const bump = (map, id) => map.set(id, (map.get(id) ?? 0) + 1);
for (const [id, a] of p) {
  const b = m.get(id);
  if (!b) continue;
  n++;
  if (!!a.intervention === !!b.intervention) sameVerdict++;
  else verdicts.push(`${id}: portcullis ${a.intervention ? 'blocks' : 'passes'} [${a.matched}], libmodsecurity ${b.intervention ? 'blocks' : 'passes'} [${b.matched}]`);
  const x = a.matched.filter((r) => !ignored.has(r));
  const y = b.matched.filter((r) => !ignored.has(r));
  if (JSON.stringify([...x].sort()) === JSON.stringify([...y].sort())) sameIds++;
  for (const r of x) if (!y.includes(r)) bump(onlyP, r);
  for (const r of y) if (!x.includes(r)) bump(onlyM, r);
}
const pct = (k) => ((100 * k) / n).toFixed(2);
console.log(`${n} requests; same verdict ${sameVerdict} (${pct(sameVerdict)} %); same logged ids ${sameIds} (${pct(sameIds)} %)${ignored.size ? `, ignoring ${[...ignored]}` : ''}`);
for (const v of verdicts.slice(0, 20)) console.log(`  verdict differs: ${v}`);
const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([r, k]) => `${r}×${k}`).join(' ');
console.log(`logged by portcullis only: ${top(onlyP) || 'none'}`);
console.log(`logged by libmodsecurity only: ${top(onlyM) || 'none'}`);
