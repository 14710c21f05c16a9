// Where the benchmarks find ../shared, the benign request mix and the application they share.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(ROOT, '../shared');
export const CRS_CONF = join(SHARED, 'peers/modsec/conf/crs-production.conf');
export const GEN_BENIGN = join(SHARED, 'peers/modsec/gen-benign.mjs');
export const BENIGN_SEED = '20240607';

/** The attack corpora of ../shared/corpus that the benchmarks concatenate (4264 requests). */
export const ATTACK_CORPORA = ['libinjection', 'payloadsallthethings', 'fuzzdb'];

/** The JSON lines of `gen-benign.mjs --n <n> --seed 20240607`. */
export function benignLines(n) {
  return execFileSync(process.execPath, [GEN_BENIGN, '--n', String(n), '--seed', BENIGN_SEED], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter(Boolean);
}

// The application behind the adapter (http.mjs, adapter.mjs): reads the request body, as a form or
// API handler would, then answers a small fixed HTML page (an inspectable response type, so the
// WAF's response phases run too).
export const PAGE = '<!doctype html><html><head><title>ok</title></head><body><p>Thanks, all good.</p></body></html>\n';
const PAGE_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(PAGE)) };
export function app(req, res) {
  req.on('end', () => {
    res.writeHead(200, PAGE_HEADERS);
    res.end(PAGE);
  });
  req.resume();
}
