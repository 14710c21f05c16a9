/**
 * Reading go-ftw test files (coreruleset/ftw-tests-schema v2) and go-ftw override files.
 * YAML is parsed with the failsafe schema: every scalar stays the string that was written, as it
 * does when go-ftw decodes into Go strings (so `version: 1.1` is "1.1", not 1.1 the number).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue } | null | undefined;
export type YamlMap = { [key: string]: YamlValue };

/** What a stage's `output` asks for. */
export interface FtwExpectation {
  expectIds: number[];
  noExpectIds: number[];
  matchRegex?: string;
  noMatchRegex?: string;
  /** Acceptable HTTP statuses (`status` may be one value or a list). */
  status?: number[];
  expectError?: boolean;
  /** go-ftw `isolated`: exactly one rule may log. */
  isolated?: boolean;
}

export interface FtwStage {
  /** 1-based position in the test. */
  index: number;
  /** The stage `input` map as written (failsafe scalars). */
  input: YamlMap;
  expect: FtwExpectation;
}

export interface FtwTest {
  /** `RULE-TEST`, e.g. `920100-4`. */
  key: string;
  ruleId: number;
  testId: number;
  desc?: string;
  /** YAML file, relative to the tests dir. */
  file: string;
  /** First path component of `file`: the CRS rule file the test belongs to. */
  ruleFile: string;
  stages: FtwStage[];
}

export interface FtwSuite {
  tests: FtwTest[];
  /** Files that hold no `tests` list (CRS has a placeholder like that). */
  emptyFiles: string[];
}

export function isYamlMap(v: YamlValue): v is YamlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asString(v: YamlValue): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asInt(v: YamlValue): number | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

/** YAML 1.1 booleans as go-ftw's decoder accepts them; undefined when absent or not a boolean. */
export function asBool(v: YamlValue): boolean | undefined {
  if (typeof v !== 'string') return undefined;
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^(false|no|off)$/i.test(v)) return false;
  return undefined;
}

function asIntList(v: YamlValue): number[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.map(asInt).filter((n): n is number => n !== undefined);
}

export function parseFtwYaml(text: string): YamlValue {
  return parseYaml(text, { schema: 'failsafe', uniqueKeys: false }) as YamlValue;
}

/** Every `*.y*ml` file (go-ftw's default glob) under dir, recursively, in byte order of names. */
export function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.y[^/]*ml$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function readExpectation(output: YamlValue): FtwExpectation {
  const out = isYamlMap(output) ? output : {};
  const log = isYamlMap(out.log) ? out.log : {};
  const exp: FtwExpectation = {
    expectIds: asIntList(log.expect_ids ?? out.expect_ids),
    noExpectIds: asIntList(log.no_expect_ids ?? out.no_expect_ids),
  };
  // log_contains / no_log_contains are the ftw v1 names of the same checks.
  const mr = asString(log.match_regex) ?? asString(out.log_contains);
  const nmr = asString(log.no_match_regex) ?? asString(out.no_log_contains);
  if (mr) exp.matchRegex = mr;
  if (nmr) exp.noMatchRegex = nmr;
  const status = asIntList(out.status);
  if (status.length) exp.status = status;
  if (asBool(out.expect_error)) exp.expectError = true;
  if (asBool(out.isolated)) exp.isolated = true;
  return exp;
}

/** Parse one test file's text; `rel` is its path relative to the tests dir. */
export function readTestFile(text: string, rel: string): FtwTest[] | undefined {
  const doc = parseFtwYaml(text);
  if (!isYamlMap(doc) || !Array.isArray(doc.tests)) return undefined;
  const fileNumber = /\d+/.exec(basename(rel));
  const ruleId = asInt(doc.rule_id) || (fileNumber ? Number(fileNumber[0]) : 0);
  const ruleFile = rel.split(/[\\/]/)[0]!;
  return doc.tests.map((t, idx) => {
    const test = isYamlMap(t) ? t : {};
    const testId = asInt(test.test_id) || asInt(test.id) || idx + 1;
    const stages = Array.isArray(test.stages) ? test.stages : [];
    return {
      key: `${ruleId}-${testId}`,
      ruleId,
      testId,
      desc: asString(test.desc),
      file: rel,
      ruleFile,
      stages: stages.map((wrap, sidx) => {
        // ftw v1 wrapped each stage in `- stage:`.
        const st = isYamlMap(wrap) ? (isYamlMap(wrap.stage) ? wrap.stage : wrap) : {};
        return { index: sidx + 1, input: isYamlMap(st.input) ? st.input : {}, expect: readExpectation(st.output) };
      }),
    };
  });
}

export function loadFtwTests(dir: string): FtwSuite {
  const suite: FtwSuite = { tests: [], emptyFiles: [] };
  for (const file of listYamlFiles(dir)) {
    const rel = relative(dir, file).split(sep).join('/');
    const tests = readTestFile(readFileSync(file, 'utf8'), rel);
    if (tests) suite.tests.push(...tests);
    else suite.emptyFiles.push(rel);
  }
  return suite;
}

export interface FtwOverride {
  ruleId: number;
  /** Empty: every test of the rule. */
  testIds: number[];
  reason: string;
  expectFailure: boolean;
  /** The replacement `output` go-ftw would judge instead (kept for reporting). */
  output?: FtwExpectation;
}

/** go-ftw overrides file (`test_overrides: [...]`), indexed by test key (`RULE-*` for whole rules). */
export class FtwOverrides {
  readonly entries: FtwOverride[] = [];
  private readonly byKey = new Map<string, FtwOverride>();

  static fromFile(path: string): FtwOverrides {
    return FtwOverrides.fromText(readFileSync(path, 'utf8'));
  }

  static fromText(text: string): FtwOverrides {
    const o = new FtwOverrides();
    const doc = parseFtwYaml(text);
    const list = isYamlMap(doc) && Array.isArray(doc.test_overrides) ? doc.test_overrides : [];
    for (const item of list) {
      if (!isYamlMap(item)) continue;
      const ruleId = asInt(item.rule_id);
      if (ruleId === undefined) continue;
      const entry: FtwOverride = {
        ruleId,
        testIds: asIntList(item.test_ids),
        reason: (asString(item.reason) ?? '').trim(),
        expectFailure: asBool(item.expect_failure) ?? false,
      };
      if (item.output !== undefined) entry.output = readExpectation(item.output);
      o.entries.push(entry);
      for (const t of entry.testIds.length ? entry.testIds : ['*']) o.byKey.set(`${ruleId}-${t}`, entry);
    }
    return o;
  }

  get(ruleId: number, testId: number): FtwOverride | undefined {
    return this.byKey.get(`${ruleId}-${testId}`) ?? this.byKey.get(`${ruleId}-*`);
  }
}
