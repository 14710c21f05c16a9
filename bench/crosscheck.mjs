// Runs every CRS regression request and every corpus request with the optimisation passes on and
// off, and lists any difference in matched ids, order, log lines or intervention.
// usage: npm run build && node bench/crosscheck.mjs [--every N]
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crossCheck } from '../dist/cli/crosscheck.js';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const every = Number(process.argv[process.argv.indexOf('--every') + 1] || 1) || 1;
const corpora = readdirSync(`${shared}corpus`).filter((f) => f.endsWith('.jsonl')).map((f) => `${shared}corpus/${f}`);
const t0 = performance.now();
const r = await crossCheck({ conf: `${shared}peers/modsec/conf/crs-regression.conf`, tests: `${shared}crs/tests/regression/tests`, corpora, every });
for (const d of r.differences.slice(0, 20)) console.log(`DIFF ${d.id}\n  optimised: ${d.optimised}\n  plain:     ${d.plain}`);
console.log(`${r.compared} requests compared, ${r.differences.length} differ (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(r.differences.length ? 1 : 0);
