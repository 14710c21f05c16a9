import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtwOverrides, loadFtwTests, readTestFile } from './load.js';

const FILE = `---
meta:
  author: someone
rule_id: 920100
tests:
  - test_id: 4
    desc: two stages
    stages:
      - input:
          method: POST
          version: 1.1
        output:
          log:
            expect_ids: [920100, 949110]
            no_expect_ids: [911100]
            match_regex: 'a.b'
      - input: {}
        output:
          status: [400, 403]
          expect_error: true
  - stages:
      - stage:
          input: {uri: /x}
          output:
            log_contains: legacy
            no_log_contains: nope
            status: 200
`;

describe('readTestFile', () => {
  it('reads test keys, stages and expectations, keeping scalars as strings', () => {
    const tests = readTestFile(FILE, 'REQUEST-920-PROTOCOL-ENFORCEMENT/920100.yaml')!;
    expect(tests.map((t) => t.key)).toEqual(['920100-4', '920100-2']);
    const [a, b] = tests;
    expect(a!.ruleFile).toBe('REQUEST-920-PROTOCOL-ENFORCEMENT');
    expect(a!.desc).toBe('two stages');
    expect(a!.stages[0]!.input.version).toBe('1.1');
    expect(a!.stages[0]!.expect).toEqual({ expectIds: [920100, 949110], noExpectIds: [911100], matchRegex: 'a.b' });
    expect(a!.stages[1]!.expect).toEqual({ expectIds: [], noExpectIds: [], status: [400, 403], expectError: true });
    // ftw v1 `- stage:` wrapper and log_contains names.
    expect(b!.stages[0]!.input.uri).toBe('/x');
    expect(b!.stages[0]!.expect).toEqual({ expectIds: [], noExpectIds: [], matchRegex: 'legacy', noMatchRegex: 'nope', status: [200] });
  });

  it('falls back to the first number of the file name for the rule id', () => {
    expect(readTestFile('tests:\n  - stages: []\n', 'X/942100-extra.yml')![0]!.key).toBe('942100-1');
    expect(readTestFile('meta: {}\n', 'X/1.yaml')).toBeUndefined();
  });
});

describe('loadFtwTests', () => {
  it('walks directories recursively in name order and reads *.yaml / *.yml only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftw-load-'));
    try {
      mkdirSync(join(dir, 'B'));
      mkdirSync(join(dir, 'A'));
      writeFileSync(join(dir, 'B', '2.yaml'), 'rule_id: 2\ntests:\n  - stages: []\n');
      writeFileSync(join(dir, 'A', '1.yml'), 'rule_id: 1\ntests:\n  - stages: []\n');
      writeFileSync(join(dir, 'A', '3.yaml.skeleton'), 'rule_id: 3\ntests:\n  - stages: []\n');
      writeFileSync(join(dir, 'A', 'empty.yaml'), 'meta: {}\n');
      const suite = loadFtwTests(dir);
      expect(suite.tests.map((t) => `${t.file}:${t.key}`)).toEqual(['A/1.yml:1-1', 'B/2.yaml:2-1']);
      expect(suite.emptyFiles).toEqual(['A/empty.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('FtwOverrides', () => {
  it('indexes entries by test, or by rule when test_ids is absent', () => {
    const o = FtwOverrides.fromText(`
version: "v0.0.0"
test_overrides:
  - rule_id: 920360
    test_ids: [1, 3]
    reason: |
      Requires ARG_NAME_LENGTH
      second line
    output:
      log:
        no_expect_ids: [920360]
  - rule_id: 932200
    reason: wip
    expect_failure: true
`);
    expect(o.get(920360, 1)?.reason).toBe('Requires ARG_NAME_LENGTH\nsecond line');
    expect(o.get(920360, 1)?.output?.noExpectIds).toEqual([920360]);
    expect(o.get(920360, 2)).toBeUndefined();
    expect(o.get(932200, 7)?.expectFailure).toBe(true);
    expect(o.entries.length).toBe(2);
  });
});
