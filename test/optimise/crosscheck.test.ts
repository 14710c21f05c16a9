import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crossCheck } from '../../src/cli/crosscheck.js';

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const here = existsSync(`${shared}crs/tests/regression/tests`);

describe.skipIf(!here)('optimisation passes change no outcome (fixed sample; bench/crosscheck.mjs runs everything)', () => {
  it('CRS regression requests and corpora give identical ids, order, log lines and interventions', async () => {
    const corpora = readdirSync(`${shared}corpus`).filter((f) => f.endsWith('.jsonl')).map((f) => `${shared}corpus/${f}`);
    const r = await crossCheck({
      conf: `${shared}peers/modsec/conf/crs-regression.conf`,
      tests: `${shared}crs/tests/regression/tests`,
      corpora,
      every: 9,
    });
    expect(r.compared).toBeGreaterThan(1500);
    expect(r.differences.slice(0, 3)).toEqual([]);
  });
});
if (!here) console.log('crosscheck: ../shared is not present; skipped');
