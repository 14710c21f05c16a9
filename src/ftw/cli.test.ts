import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ftwMain, parseFtwArgs } from './cli.js';
import type { FtwWaf } from './engine-api.js';

describe('parseFtwArgs', () => {
  it('reads the options and requires --conf and --tests', () => {
    expect(parseFtwArgs(['--conf', 'c', '--tests', 't', '--include', '^9201', '--server', 'none', '--overrides', 'o'])).toEqual({
      conf: 'c', tests: 't', include: /^9201/, server: 'none', overrides: 'o',
    });
    expect(() => parseFtwArgs(['--conf', 'c'])).toThrow(/required/);
    expect(() => parseFtwArgs(['--conf', 'c', '--tests', 't', '--server', 'nginx'])).toThrow(/apache or none/);
    expect(parseFtwArgs(['--conf', 'c', '--tests', 't', '--mode', 'http'])).toEqual({ conf: 'c', tests: 't', mode: 'http' });
    expect(() => parseFtwArgs(['--conf', 'c', '--tests', 't', '--mode', 'tcp'])).toThrow(/inprocess or http/);
    expect(() => parseFtwArgs(['--bogus'])).toThrow(/unknown argument/);
    expect(() => parseFtwArgs(['--conf'])).toThrow(/needs a value/);
  });
});

describe('ftwMain', () => {
  it('returns 1 when a test fails and writes the summary JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftw-cli-'));
    try {
      writeFileSync(join(dir, '1.yaml'), 'rule_id: 1\ntests:\n  - stages:\n      - input: {}\n        output: {log: {expect_ids: [1]}}\n');
      const nothing: FtwWaf = {
        transaction: () => ({
          processUri: () => null, addRequestHeader: () => {}, processRequestHeaders: () => null, appendRequestBody: () => {},
          processRequestBody: () => null, addResponseHeader: () => {}, processResponseHeaders: () => null, appendResponseBody: () => {},
          processResponseBody: () => null, processLogging: () => null, intervention: () => null, matchedRules: () => [], logLines: () => [],
        }),
      };
      const lines: string[] = [];
      const code = await ftwMain(['--conf', 'x', '--tests', dir, '--summary', join(dir, 's.json')], (l) => lines.push(l), { loadWaf: async () => nothing });
      expect(code).toBe(1);
      expect(lines.at(-1)).toBe('0 passed, 1 failed');
      expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toMatchObject({ judged: 1, failed: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
