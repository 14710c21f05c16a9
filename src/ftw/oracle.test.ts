// Cross-check against the reference converter the libmodsecurity peer was scored with
// (shared/peers/modsec/ftw2jsonl.mjs): every stage of the CRS suite must yield the same request,
// response, server rejection and expectations.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFtwTests, type FtwTest } from './load.js';
import { buildStage } from './request.js';
import { utf8Binary } from './gocompat.js';

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const script = join(shared, 'peers/modsec/ftw2jsonl.mjs');
const testsDir = join(shared, 'crs/tests/regression/tests');
const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const present = existsSync(script) && existsSync(testsDir);

interface OracleReq {
  id: string;
  method: string;
  uri: string;
  version: string;
  headers: Array<[string, string]>;
  body?: string;
  body_b64?: string;
  response?: { status: number; headers: Array<[string, string]>; body?: string; body_b64?: string };
}
interface OracleExp {
  id: string;
  test_id: string;
  stage: number;
  stages: number;
  file: string;
  expect_ids: number[];
  no_expect_ids: number[];
  match_regex?: string;
  no_match_regex?: string;
  expect_status?: number | number[];
  expect_error?: boolean;
  server_rejects?: string;
  unsupported?: string[];
}

const bytesOf = (o: { body?: string; body_b64?: string }): string =>
  o.body_b64 !== undefined ? Buffer.from(o.body_b64, 'base64').toString('latin1') : utf8Binary(o.body ?? '');
const binHeaders = (h: Array<[string, string]>): Array<[string, string]> => h.map(([n, v]) => [utf8Binary(n), utf8Binary(v)]);
const readJsonl = <T>(f: string): T[] => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

interface Oracle {
  reqs: Map<string, OracleReq>;
  exps: OracleExp[];
}

/** Run the reference converter with one server profile. */
async function runOracle(server: string): Promise<Oracle> {
  const dir = mkdtempSync(join(tmpdir(), 'ftw-oracle-'));
  try {
    await promisify(execFile)(process.execPath, [script, '--tests', testsDir, '--server', server, '--out', join(dir, 'r.jsonl'), '--expect', join(dir, 'e.jsonl'), '--unsupported', join(dir, 'u.jsonl')], {
      env: { ...process.env, NODE_PATH: nodeModules },
    });
    return { reqs: new Map(readJsonl<OracleReq>(join(dir, 'r.jsonl')).map((r) => [r.id, r])), exps: readJsonl<OracleExp>(join(dir, 'e.jsonl')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!present)(`ftw request construction equals ftw2jsonl.mjs on the CRS suite${present ? '' : ' (skipped: ../shared/peers/modsec or ../shared/crs is absent)'}`, () => {
  const oracles = new Map<string, Oracle>();
  let tests: Map<string, FtwTest>;
  beforeAll(async () => {
    const [apache, none] = await Promise.all([runOracle('apache'), runOracle('none')]);
    oracles.set('apache', apache);
    oracles.set('none', none);
    tests = new Map(loadFtwTests(testsDir).tests.map((t) => [t.key, t]));
  });

  for (const server of ['apache', 'none'] as const) {
    describe(`server profile ${server}`, () => {
      let reqs: Map<string, OracleReq>;
      let exps: OracleExp[];
      beforeAll(() => {
        ({ reqs, exps } = oracles.get(server)!);
      });

      it('finds the same tests and stages', () => {
        expect(exps.length).toBeGreaterThan(5000);
        expect(new Set(exps.map((e) => e.test_id)).size).toBe(tests.size);
        let stages = 0;
        for (const t of tests.values()) stages += t.stages.length;
        expect(stages).toBe(exps.length);
      });

      it('builds the same request, response, rejection and expectations for every stage', () => {
        const mismatches: string[] = [];
        let responses = 0;
        let rejects = 0;
        for (const e of exps) {
          const test = tests.get(e.test_id);
          const stage = test?.stages[e.stage - 1];
          if (!test || !stage) {
            mismatches.push(`${e.id}: not loaded`);
            continue;
          }
          expect(test.file).toBe(e.file);
          const b = buildStage(stage.input, { server });
          if (b.response) responses++;
          if (b.serverRejects) rejects++;
          const r = reqs.get(e.id);
          const ours = {
            unsupported: b.unsupported.length > 0,
            method: b.request.method,
            uri: b.request.uri,
            version: b.request.version,
            headers: b.request.headers,
            body: b.request.body.toString('latin1'),
            response: b.response && { status: b.response.status, headers: b.response.headers, body: b.response.body.toString('latin1') },
            serverRejects: b.serverRejects,
            expectIds: stage.expect.expectIds,
            noExpectIds: stage.expect.noExpectIds,
            matchRegex: stage.expect.matchRegex,
            noMatchRegex: stage.expect.noMatchRegex,
            status: stage.expect.status,
            expectError: stage.expect.expectError,
          };
          const theirs = {
            unsupported: !!e.unsupported,
            method: r && utf8Binary(r.method),
            uri: r && utf8Binary(r.uri),
            version: r && utf8Binary(r.version),
            headers: r && binHeaders(r.headers),
            body: r && bytesOf(r),
            response: r?.response && { status: r.response.status, headers: binHeaders(r.response.headers), body: bytesOf(r.response) },
            serverRejects: e.server_rejects && utf8Binary(e.server_rejects.replace(/^httpd answers 400 before the WAF runs: /, '')),
            expectIds: e.expect_ids,
            noExpectIds: e.no_expect_ids,
            matchRegex: e.match_regex,
            noMatchRegex: e.no_match_regex,
            status: e.expect_status === undefined ? undefined : [e.expect_status].flat(),
            expectError: e.expect_error,
          };
          try {
            expect(ours).toEqual(theirs);
          } catch (err) {
            mismatches.push(`${e.id}: ${(err as Error).message.slice(0, 2000)}`);
          }
        }
        expect(mismatches.slice(0, 5)).toEqual([]);
        expect(mismatches.length).toBe(0);
        // The comparison covered the emulations, not just plain GETs.
        expect(responses).toBeGreaterThanOrEqual(31);
        if (server === 'apache') expect(rejects).toBeGreaterThan(0);
      });
    });
  }
});
