import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Waf } from '../index.js';
import { startHttpHarness, type HttpHarness } from './http.js';
import type { FtwStage, FtwTest } from './load.js';
import { buildStage } from './request.js';
import { runFtw } from './run.js';
import type { YamlMap } from './load.js';

const RULES = `
SecRuleEngine DetectionOnly
SecRequestBodyAccess On
SecResponseBodyAccess On
SecResponseBodyMimeType text/plain
SecRule REQUEST_URI "@contains attack" "id:1001,phase:1,deny,status:403,log,msg:'uri attack'"
SecRule REQUEST_BODY "@contains evil" "id:1002,phase:2,deny,log,msg:'body evil'"
SecRule RESPONSE_STATUS "@streq 418" "id:1003,phase:3,pass,log,msg:'teapot'"
SecRule RESPONSE_HEADERS:X-Leak "@streq yes" "id:1004,phase:3,pass,log"
SecRule RESPONSE_BODY "@contains secret" "id:1005,phase:4,pass,log,msg:'secret in body'"
SecRule REQUEST_HEADERS:X-Quiet "@rx ." "id:1006,phase:1,pass,nolog"
`;

const TEST = {} as FtwTest;
const STAGE = {} as FtwStage;

describe('startHttpHarness', () => {
  let h: HttpHarness;
  const run = (input: YamlMap) => h.executor(buildStage(input), TEST, STAGE);
  beforeAll(async () => {
    h = await startHttpHarness(await Waf.fromString(RULES), { timeoutMs: 1500 });
  });
  afterAll(() => h.close());

  it('reports nothing for a clean request', async () => {
    expect(await run({ headers: { Host: 'localhost' } })).toEqual({ matchedIds: [], logLines: [], intervention: null });
  });

  it('reports the rules that logged, not nolog ones, and the client is not blocked', async () => {
    const o = await run({ uri: '/attack', headers: { Host: 'localhost', 'X-Quiet': '1' } });
    expect(o.error).toBeUndefined();
    expect(o.matchedIds).toEqual([1001]);
    expect(o.logLines).toHaveLength(1);
    expect(o.logLines[0]).toMatch(/\[id "1001"\].*\[msg "uri attack"\]/);
  });

  it('inspects the request body the client sent', async () => {
    const o = await run({ method: 'POST', uri: '/post', headers: { Host: 'localhost' }, data: 'a=evil' });
    expect(o.matchedIds).toEqual([1002]);
  });

  it('serves albedo /reflect responses through phases 3 and 4', async () => {
    const o = await run({
      method: 'POST',
      uri: '/reflect',
      headers: { Host: 'localhost', 'Content-Type': 'application/json' },
      data: JSON.stringify({ status: 418, headers: { 'X-Leak': 'yes', 'Content-Type': 'text/plain' }, body: 'top secret' }),
    });
    expect(o.matchedIds).toEqual([1003, 1004, 1005]);
  });

  it('says so when Node rejects the request before the WAF runs', async () => {
    const method = await run({ method: 'FOO', headers: { Host: 'localhost' }, uri: '/attack' });
    expect(method.matchedIds).toEqual([]);
    expect(method.error).toMatch(/node:http answered 400 before the WAF ran \(HPE_INVALID_METHOD/);
    // Apache drops Content-Length here; llhttp refuses the request.
    const framing = await run({
      method: 'POST',
      headers: { Host: 'localhost', 'Content-Length': '7', 'Transfer-Encoding': 'chunked' },
      data: '7\r\nfoo=bar\r\n0\r\n\r\n',
      autocomplete_headers: false,
    });
    expect(framing.error).toMatch(/HPE_INVALID_TRANSFER_ENCODING/);
    const connect = await run({ method: 'CONNECT', uri: 'example.com:80', headers: { Host: 'localhost' } });
    expect(connect.error).toMatch(/'connect' event/);
    // Node's requireHostHeader check answers without a 'clientError'.
    const noHost = await run({ encoded_request: Buffer.from('GET /attack HTTP/1.1\r\n\r\n').toString('base64') });
    expect(noHost.error).toBe('the connection closed before any request reached the WAF; node:http answered "HTTP/1.1 400 Bad Request"');
  });

  it('ends a kept-alive connection once the exchange is logged, without waiting for the timeout', async () => {
    const t0 = performance.now();
    const o = await run({ uri: '/attack', headers: { Host: 'localhost' }, autocomplete_headers: false });
    expect(o.matchedIds).toEqual([1001]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('counts every request written on the stage connection (pipelining)', async () => {
    const raw = 'GET /a HTTP/1.1\r\nHost: localhost\r\n\r\nGET /attack HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n';
    const o = await run({ encoded_request: Buffer.from(raw, 'latin1').toString('base64') });
    expect(o.matchedIds).toEqual([1001]);
    expect(o.error).toBeUndefined();
  });

  it('reports a request whose body never comes, once the timeout cuts it', async () => {
    const quick = await startHttpHarness(await Waf.fromString(RULES), { timeoutMs: 200 });
    try {
      const o = await quick.executor(buildStage({ method: 'POST', uri: '/attack', headers: { Host: 'localhost', 'Content-Length': '100' }, data: 'x=1', autocomplete_headers: false }), TEST, STAGE);
      // Phase 1 ran; the body was cut short when the client gave up.
      expect(o.matchedIds).toEqual([1001]);
    } finally {
      await quick.close();
    }
  });
});

describe("runFtw({ mode: 'http' })", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftw-http-'));
    writeFileSync(join(dir, 'main.conf'), RULES);
    mkdirSync(join(dir, 'tests', 'REQUEST-1'), { recursive: true });
    writeFileSync(
      join(dir, 'tests', 'REQUEST-1', '1001.yaml'),
      `rule_id: 1001
tests:
  - test_id: 1
    stages:
      - input: {uri: /attack, headers: {Host: localhost}}
        output: {log: {expect_ids: [1001]}}
  - test_id: 2
    stages:
      - input: {uri: /fine, headers: {Host: localhost}}
        output: {log: {no_expect_ids: [1001]}}
  - test_id: 3
    stages:
      - input: {method: FOO, uri: /attack, headers: {Host: localhost}}
        output: {log: {expect_ids: [1001]}}
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts its own harness from conf when no executor is given', async () => {
    const s = await runFtw({ conf: join(dir, 'main.conf'), tests: join(dir, 'tests'), mode: 'http', out: () => {} });
    expect(s).toMatchObject({ judged: 3, passed: 2, failed: 1 });
    expect(s.failures[0]!.key).toBe('1001-3');
    expect(s.failures[0]!.reasons[0]).toMatch(/^error: node:http answered 400 .*HPE_INVALID_METHOD/);
  });
});
