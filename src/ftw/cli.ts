/**
 * Argument handling for `portcullis ftw`, kept here so the CLI dispatcher only forwards argv:
 *   portcullis ftw --conf main.conf --tests DIR [--overrides FILE] [--include REGEX]
 *                  [--server apache|none] [--mode inprocess|http] [--summary FILE.json]
 */
import { writeFileSync } from 'node:fs';
import { runFtw, type FtwRunOptions } from './run.js';

export const FTW_USAGE = 'usage: portcullis ftw --conf FILE --tests DIR [--overrides FILE] [--include REGEX] [--server apache|none] [--mode inprocess|http] [--summary FILE.json]';

export interface FtwCliOptions extends FtwRunOptions {
  /** Write the summary object as JSON here. */
  summary?: string;
}

export function parseFtwArgs(argv: string[]): FtwCliOptions {
  const o: Partial<FtwCliOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${FTW_USAGE}`);
      return v;
    };
    if (a === '--conf') o.conf = val();
    else if (a === '--tests') o.tests = val();
    else if (a === '--overrides') o.overrides = val();
    else if (a === '--include') o.include = new RegExp(val());
    else if (a === '--summary') o.summary = val();
    else if (a === '--server') {
      const s = val();
      if (s !== 'apache' && s !== 'none') throw new Error(`--server must be apache or none\n${FTW_USAGE}`);
      o.server = s;
    } else if (a === '--mode') {
      const m = val();
      if (m !== 'inprocess' && m !== 'http') throw new Error(`--mode must be inprocess or http\n${FTW_USAGE}`);
      o.mode = m;
    } else throw new Error(`unknown argument ${a}\n${FTW_USAGE}`);
  }
  if (!o.conf || !o.tests) throw new Error(`--conf and --tests are required\n${FTW_USAGE}`);
  return o as FtwCliOptions;
}

/** Run and return the process exit code: 0 when no judged test failed. `extra` injects e.g. an engine loader. */
export async function ftwMain(argv: string[], out: (line: string) => void = (l) => console.log(l), extra: Partial<FtwRunOptions> = {}): Promise<number> {
  const opts = parseFtwArgs(argv);
  const summary = await runFtw({ ...opts, ...extra, out });
  if (opts.summary) writeFileSync(opts.summary, JSON.stringify(summary, null, 1) + '\n');
  return summary.failed === 0 ? 0 : 1;
}
