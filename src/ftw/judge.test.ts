import { describe, it, expect } from 'vitest';
import { hasLogExpectation, judgeStage, logLineIds, type StageOutcome } from './judge.js';
import type { FtwExpectation } from './load.js';

const exp = (e: Partial<FtwExpectation>): FtwExpectation => ({ expectIds: [], noExpectIds: [], ...e });
const got = (ids: number[], logLines: string[] = []): StageOutcome => ({ matchedIds: ids, logLines, intervention: null });

describe('judgeStage', () => {
  it('needs every expect_ids id and none of no_expect_ids', () => {
    expect(judgeStage(exp({ expectIds: [1, 2] }), got([2, 1, 3])).pass).toBe(true);
    const v = judgeStage(exp({ expectIds: [1, 2], noExpectIds: [3] }), got([1, 3]));
    expect(v).toEqual({ pass: false, reasons: ['missing 2', 'unexpected 3'], missing: [2], unexpected: [3] });
  });

  it('applies match_regex / no_match_regex per log line', () => {
    const lines = ['[id "920100"] [msg "a"]', '[id "949110"] Inbound Anomaly Score Exceeded (Total Score: 5)'];
    expect(judgeStage(exp({ matchRegex: 'Inbound Anomaly Score Exceeded \\(Total Score: ' }), got([], lines)).pass).toBe(true);
    // `.` does not cross lines: each line is matched on its own.
    expect(judgeStage(exp({ matchRegex: 'msg "a".*Inbound' }), got([], lines)).pass).toBe(false);
    const v = judgeStage(exp({ noMatchRegex: '\\[id "\\d+"\\]' }), got([], lines));
    expect(v.pass).toBe(false);
    expect(v.reasons[0]).toContain('ids 920100,949110');
    expect(judgeStage(exp({ noMatchRegex: '\\[id "\\d+"\\]' }), got([])).pass).toBe(true);
    // A raw LF inside an entry ends the line go-ftw reads.
    expect(judgeStage(exp({ matchRegex: '(?s)data: a.*found' }), got([], ['data: a\nb found'])).pass).toBe(false);
    expect(judgeStage(exp({ matchRegex: '^b found' }), got([], ['data: a\nb found'])).pass).toBe(true);
  });

  it('fails a stage that errored or whose regex cannot be used', () => {
    expect(judgeStage(exp({ expectIds: [1] }), { ...got([]), error: 'boom' }).reasons).toEqual(['error: boom']);
    expect(judgeStage(exp({ matchRegex: '(?U)a' }), got([], ['a'])).pass).toBe(false);
  });
});

describe('logLineIds', () => {
  it('finds every [id "N"] and JSON "id" of a line, as go-ftw does', () => {
    expect(logLineIds('ModSecurity: Warning. [file "x"] [id "942100"] [msg "m"] [data "[id \\"1\\"]"]')).toEqual([942100]);
    expect(logLineIds('[id "1"] ... [id "2"]')).toEqual([1, 2]);
    expect(logLineIds('{"id": "920100", "x": 1}')).toEqual([920100]);
    expect(logLineIds('no ids')).toEqual([]);
  });
});

describe('isolated', () => {
  it('requires exactly one logged rule', () => {
    expect(judgeStage(exp({ isolated: true }), got([5])).pass).toBe(true);
    expect(judgeStage(exp({ isolated: true }), got([5, 6])).pass).toBe(false);
    expect(hasLogExpectation(exp({ isolated: true }))).toBe(true);
  });
});

describe('hasLogExpectation', () => {
  it('is false for status/error-only stages', () => {
    expect(hasLogExpectation(exp({ status: [403], expectError: true }))).toBe(false);
    expect(hasLogExpectation(exp({ noMatchRegex: 'x' }))).toBe(true);
  });
});
