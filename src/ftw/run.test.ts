import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FtwIntervention, FtwMatchedRule, FtwTransaction, FtwWaf } from './engine-api.js';
import { parseFtwYaml, isYamlMap } from './load.js';
import { buildStage } from './request.js';
import { runFtw, runStageInProcess } from './run.js';

/**
 * A stand-in engine with a few fixed rules, enough to drive the runner:
 * 1001 (phase 1) logs when the URI contains "attack"; 1002 (phase 1) denies with 403 when an
 * X-Block header is present; 1003 (phase 2) logs when the body contains "evil"; 1004 (phase 2)
 * matches "quiet" in the body but is nolog; 1005 (phase 4) logs when the response body has "leak".
 */
class FakeTx implements FtwTransaction {
  calls: string[] = [];
  private uri = '';
  private headers: Array<[string, string]> = [];
  private body = '';
  private respBody = '';
  private matched: FtwMatchedRule[] = [];
  private iv: FtwIntervention | null = null;

  private hit(id: number, phase: number, logged = true): void {
    this.matched.push({ id, phase, msg: `rule ${id}`, logged });
  }
  processUri(uri: string, method: string, v: string): null {
    this.calls.push(`uri ${method} ${uri} ${v}`);
    this.uri = uri;
    return null;
  }
  addRequestHeader(n: string, v: string): void {
    this.headers.push([n, v]);
  }
  processRequestHeaders(): FtwIntervention | null {
    this.calls.push(`reqHeaders ${this.headers.map(([n, v]) => `${n}=${v}`).join('|')}`);
    if (this.uri.includes('attack')) this.hit(1001, 1);
    if (this.headers.some(([n]) => n === 'X-Block')) {
      this.hit(1002, 1);
      this.iv = { status: 403, disruptive: true, phase: 1, ruleId: 1002 };
    }
    return this.iv;
  }
  appendRequestBody(chunk: Uint8Array | string): void {
    this.body += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
  }
  processRequestBody(): null {
    this.calls.push(`reqBody ${this.body}`);
    if (this.body.includes('evil')) this.hit(1003, 2);
    if (this.body.includes('quiet')) this.hit(1004, 2, false);
    return null;
  }
  addResponseHeader(n: string, v: string): void {
    this.calls.push(`respHeader ${n}=${v}`);
  }
  processResponseHeaders(status: number, proto: string): null {
    this.calls.push(`respHeaders ${status} ${proto}`);
    return null;
  }
  appendResponseBody(chunk: Uint8Array | string): void {
    this.respBody += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
  }
  processResponseBody(): null {
    this.calls.push(`respBody ${this.respBody}`);
    if (this.respBody.includes('leak')) this.hit(1005, 4);
    return null;
  }
  processLogging(): null {
    this.calls.push('logging');
    return null;
  }
  intervention(): FtwIntervention | null {
    return this.iv;
  }
  matchedRules(): FtwMatchedRule[] {
    return this.matched;
  }
  logLines(): string[] {
    return this.matched.filter((r) => r.logged).map((r) => `ModSecurity: Warning. [id "${r.id}"] [msg "${r.msg}"]`);
  }
}

class FakeWaf implements FtwWaf {
  last?: FakeTx;
  conns: unknown[] = [];
  transaction(conn: unknown): FakeTx {
    this.conns.push(conn);
    this.last = new FakeTx();
    return this.last;
  }
}

const stage = (yaml: string) => {
  const doc = parseFtwYaml(yaml);
  if (!isYamlMap(doc)) throw new Error('bad yaml');
  return buildStage(doc);
};

describe('runStageInProcess', () => {
  it('feeds request and default response in connector order, protocol without HTTP/', () => {
    const waf = new FakeWaf();
    const out = runStageInProcess(waf, stage('method: POST\nuri: /attack\nport: 8080\nheaders: {Content-Type: text/plain}\ndata: evil quiet'));
    expect(waf.last!.calls).toEqual([
      'uri POST /attack 1.1',
      'reqHeaders Content-Type=text/plain|Connection=close|Content-Length=10',
      'reqBody evil quiet',
      'respHeader Content-Length=0',
      'respHeaders 200 HTTP/1.1',
      'respBody ',
      'logging',
    ]);
    expect(waf.conns[0]).toMatchObject({ remoteAddr: '127.0.0.1', serverPort: 8080 });
    // nolog rule 1004 is not reported.
    expect(out.matchedIds).toEqual([1001, 1003]);
    expect(out.intervention).toBeNull();
  });

  it('stops at a disruptive intervention but still runs logging', () => {
    const waf = new FakeWaf();
    const out = runStageInProcess(waf, stage('headers: {X-Block: "1"}\nmethod: POST\ndata: evil'));
    expect(waf.last!.calls.map((c) => c.split(' ')[0])).toEqual(['uri', 'reqHeaders', 'logging']);
    expect(out.matchedIds).toEqual([1002]);
    expect(out.intervention).toMatchObject({ status: 403, disruptive: true });
  });

  it('feeds the albedo /reflect response to phases 3 and 4', () => {
    const waf = new FakeWaf();
    const out = runStageInProcess(waf, stage(`method: POST\nuri: /reflect\nheaders: {Content-Type: application/json}\ndata: '{"status": 404, "body": "a leak"}'`));
    expect(waf.last!.calls.slice(3)).toEqual(['respHeader Content-Type=text/plain; charset=utf-8', 'respHeader Content-Length=6', 'respHeaders 404 HTTP/1.1', 'respBody a leak', 'logging']);
    expect(out.matchedIds).toEqual([1005]);
  });
});

describe('runFtw', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftw-run-'));
    mkdirSync(join(dir, 'tests', 'REQUEST-1'), { recursive: true });
    mkdirSync(join(dir, 'tests', 'RESPONSE-2'), { recursive: true });
    writeFileSync(
      join(dir, 'tests', 'REQUEST-1', '1001.yaml'),
      `rule_id: 1001
tests:
  - test_id: 1
    stages:
      - input: {uri: /attack}
        output: {log: {expect_ids: [1001], match_regex: 'msg "rule 1001"'}}
  - test_id: 2
    stages:
      - input: {uri: /fine}
        output: {log: {expect_ids: [1001]}}
  - test_id: 3
    stages:
      - input: {uri: /fine}
        output: {log: {no_expect_ids: [1001]}}
      - input: {uri: /attack}
        output: {log: {no_expect_ids: [1001]}}
  - test_id: 4
    stages:
      - input: {uri: /attack}
        output: {status: 403}
  - test_id: 5
    stages:
      - input: {uri: "/attack here"}
        output: {log: {no_expect_ids: [1001]}}
  - test_id: 6
    stages:
      - input: {follow_redirect: "true"}
        output: {log: {expect_ids: [1]}}
`,
    );
    writeFileSync(
      join(dir, 'tests', 'RESPONSE-2', '1005.yaml'),
      `rule_id: 1005
tests:
  - test_id: 1
    stages:
      - input:
          method: POST
          uri: /reflect
          headers: {Content-Type: application/json}
          data: '{"body": "leak"}'
        output: {log: {expect_ids: [1005]}}
`,
    );
    writeFileSync(join(dir, 'overrides.yaml'), 'test_overrides:\n  - rule_id: 1001\n    test_ids: [2]\n    reason: known engine limit\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('judges every test, labels overrides, and ends with "N passed, N failed"', async () => {
    const lines: string[] = [];
    const waf = new FakeWaf();
    const s = await runFtw({ conf: 'unused.conf', tests: join(dir, 'tests'), overrides: join(dir, 'overrides.yaml'), out: (l) => lines.push(l), loadWaf: async () => waf });
    expect(s).toMatchObject({ total: 7, judged: 5, passed: 3, failed: 2, statusOnly: 1, unsupported: 1, overridden: 1, serverRejected: ['1001-5'] });
    expect(s.failures.map((f) => [f.key, f.reasons, f.override?.reason])).toEqual([
      ['1001-2', ['missing 1001'], 'known engine limit'],
      ['1001-3', ['stage 2: unexpected 1001'], undefined],
    ]);
    expect(s.failures[1]!.matchedIds).toEqual([1001]);
    expect(s.perRuleFile).toEqual({ 'REQUEST-1': { judged: 4, passed: 2, failed: 2 }, 'RESPONSE-2': { judged: 1, passed: 1, failed: 0 } });
    expect(s.perFile['REQUEST-1/1001.yaml']).toEqual({ judged: 4, passed: 2, failed: 2 });
    expect(lines.at(-1)).toBe('3 passed, 2 failed');
    expect(lines.some((l) => l.includes('1001-2') && l.includes('expected [1001]') && l.includes('override: known engine limit'))).toBe(true);
  });

  it('filters with include and takes an injected executor (the HTTP-mode seam)', async () => {
    const seen: string[] = [];
    const s = await runFtw({
      conf: 'unused.conf',
      tests: join(dir, 'tests'),
      include: /^1005-/,
      mode: 'http',
      out: () => {},
      executor: async (b, t) => {
        seen.push(`${t.key} ${b.raw.toString('latin1').split('\r\n')[0]}`);
        return { matchedIds: [1005], logLines: [], intervention: null };
      },
    });
    expect(seen).toEqual(['1005-1 POST /reflect HTTP/1.1']);
    expect(s).toMatchObject({ total: 1, passed: 1, failed: 0 });
  });

  it('counts a throwing engine as a failure', async () => {
    const broken: FtwWaf = { transaction: () => { throw new Error('engine exploded'); } };
    const s = await runFtw({ conf: 'x', tests: join(dir, 'tests'), include: /^1001-1$/, out: () => {}, loadWaf: async () => broken });
    expect(s.failures[0]!.reasons).toEqual(['error: engine exploded']);
  });
});
