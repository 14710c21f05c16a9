// Where the benchmarks find ../shared, and the benign request mix they share.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(ROOT, '../shared');
export const CRS_CONF = join(SHARED, 'peers/modsec/conf/crs-production.conf');
export const GEN_BENIGN = join(SHARED, 'peers/modsec/gen-benign.mjs');
export const BENIGN_SEED = '20240607';

/** The JSON lines of `gen-benign.mjs --n <n> --seed 20240607`. */
export function benignLines(n) {
  return execFileSync(process.execPath, [GEN_BENIGN, '--n', String(n), '--seed', BENIGN_SEED], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter(Boolean);
}
