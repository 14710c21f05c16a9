/**
 * go-ftw's log checks for one stage: every `expect_ids` id logged, no `no_expect_ids` id logged,
 * `match_regex` matching at least one log line and `no_match_regex` matching none. Statuses and
 * `expect_error` need a real web server and are not judged.
 */
import type { FtwIntervention } from './engine-api.js';
import { goRegExp } from './gocompat.js';
import type { FtwExpectation } from './load.js';

/** What running a stage produced, whatever ran it (in-process engine or HTTP). */
export interface StageOutcome {
  /** Ids of the rules that wrote a log line, first-seen order, no duplicates. */
  matchedIds: number[];
  logLines: string[];
  intervention: FtwIntervention | null;
  /** Set when the stage could not run (engine threw, connection failed...). */
  error?: string;
}

export interface StageVerdict {
  pass: boolean;
  reasons: string[];
  missing: number[];
  unexpected: number[];
}

/** The outcome go-ftw would see when httpd answers 400 itself: nothing logged by the WAF. */
export const SERVER_REJECTED: Readonly<StageOutcome> = Object.freeze({ matchedIds: [], logLines: [], intervention: { status: 400, disruptive: true, phase: 0 } });

/** Rule ids go-ftw finds in a log line: every `[id "N"]`, and `"id": N` of JSON log formats. */
export function logLineIds(line: string): number[] {
  const ids: number[] = [];
  for (const m of line.matchAll(/\[id "(\d+)"\]|"id":\s*"?(\d+)"?/g)) ids.push(Number(m[1] ?? m[2]));
  return ids;
}

export function hasLogExpectation(e: FtwExpectation): boolean {
  return e.expectIds.length > 0 || e.noExpectIds.length > 0 || !!e.matchRegex || !!e.noMatchRegex || !!e.isolated;
}

const regexCache = new Map<string, RegExp | Error>();
function compiled(pattern: string): RegExp | Error {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = goRegExp(pattern);
    } catch (e) {
      re = e instanceof Error ? e : new Error(String(e));
    }
    regexCache.set(pattern, re);
  }
  return re;
}

/** go-ftw reads the error log as a file, line by line: a raw LF inside an entry splits it. */
function fileLines(lines: string[]): string[] {
  return lines.some((l) => l.includes('\n')) ? lines.flatMap((l) => l.split('\n')) : lines;
}

export function judgeStage(e: FtwExpectation, o: StageOutcome): StageVerdict {
  if (o.error !== undefined) return { pass: false, reasons: [`error: ${o.error}`], missing: [...e.expectIds], unexpected: [] };
  const matched = new Set(o.matchedIds);
  const missing = e.expectIds.filter((id) => !matched.has(id));
  const unexpected = e.noExpectIds.filter((id) => matched.has(id));
  const reasons: string[] = [];
  if (missing.length) reasons.push(`missing ${missing.join(',')}`);
  if (unexpected.length) reasons.push(`unexpected ${unexpected.join(',')}`);
  for (const [pattern, wanted] of [[e.matchRegex, true], [e.noMatchRegex, false]] as const) {
    if (!pattern) continue;
    const re = compiled(pattern);
    if (re instanceof Error) {
      reasons.push(`regex /${pattern}/ cannot be used: ${re.message}`);
      continue;
    }
    const hits = fileLines(o.logLines).filter((l) => re.test(l));
    if (wanted && hits.length === 0) reasons.push(`match_regex /${pattern}/ not found`);
    if (!wanted && hits.length) {
      const ids = hits.map((l) => logLineIds(l)[0] ?? '?');
      reasons.push(`no_match_regex /${pattern}/ matched (ids ${ids.join(',')})`);
    }
  }
  if (e.isolated && matched.size !== 1) reasons.push(`isolated: ${matched.size} rules logged, not 1`);
  return { pass: reasons.length === 0, reasons, missing, unexpected };
}
