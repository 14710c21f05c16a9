// The runner against the real engine (src/index.ts): a small rule set end to end, and a CRS
// smoke run when ../shared is present.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFtw } from './run.js';

describe('runFtw with the engine', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftw-engine-'));
    writeFileSync(
      join(dir, 'main.conf'),
      `SecRuleEngine On
SecRequestBodyAccess On
SecResponseBodyAccess On
SecResponseBodyMimeType text/plain text/html
SecRule REQUEST_HEADERS:X-Block "@rx ." "id:300,phase:1,deny,status:403,log,msg:'blocked'"
SecRule ARGS "@contains attack" "id:100,phase:2,pass,log,msg:'attack in args'"
SecRule RESPONSE_BODY "@contains leak" "id:200,phase:4,pass,log,msg:'leak'"
`,
    );
    writeFileSync(
      join(dir, 'tests.yaml'),
      `rule_id: 100
tests:
  - test_id: 1
    stages:
      - input: {method: POST, uri: /, data: "q=an attack"}
        output: {log: {expect_ids: [100], match_regex: 'ARGS:q'}}
  - test_id: 2
    stages:
      - input: {uri: "/?q=attack", headers: {X-Block: "1"}}
        output: {log: {expect_ids: [300], no_expect_ids: [100]}}
  - test_id: 3
    stages:
      - input:
          method: POST
          uri: /reflect
          headers: {Content-Type: application/json}
          data: '{"body": "a leak here"}'
        output: {log: {expect_ids: [200]}}
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs request, albedo response and early stop through real transactions', async () => {
    const s = await runFtw({ conf: join(dir, 'main.conf'), tests: dir, out: () => {} });
    expect(s.failures).toEqual([]);
    expect(s).toMatchObject({ judged: 3, passed: 3, failed: 0 });
  });
});

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const conf = join(shared, 'peers/modsec/conf/crs-regression.conf');
const tests = join(shared, 'crs/tests/regression/tests');
const present = existsSync(conf) && existsSync(tests);

describe.skipIf(!present)(`CRS smoke run${present ? '' : ' (skipped: ../shared/peers/modsec or ../shared/crs is absent)'}`, () => {
  it('passes the 911100 method-enforcement tests', async () => {
    const s = await runFtw({ conf, tests, include: /^911100-/, out: () => {} });
    expect(s.judged).toBeGreaterThan(0);
    expect(s.failures).toEqual([]);
  });
});
