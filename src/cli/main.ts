#!/usr/bin/env node
import { lint } from './lint.js';
import { evaluate } from './eval.js';
import { parseArgs, required } from './args.js';
import { ftwMain } from '../ftw/cli.js';
import { bench } from './bench.js';
import { runMain } from './run.js';

const USAGE = `usage:
  portcullis run [--conf <main.conf>] [--corpus <file.jsonl|dir>]... [--progress] [--list]
  portcullis lint <main.conf>
  portcullis eval --conf <main.conf> --in <requests.jsonl> [--out <results.jsonl>] [--log-lines]
  portcullis bench --conf <main.conf> --in <requests.jsonl> [--passes N] [--warmup K] [--warmup-in <requests.jsonl>] [--json]
  portcullis ftw --conf <main.conf> --tests <dir> [--mode inprocess|http] [--overrides <file.yaml>] [--include <regex>] [--server apache|none] [--summary <file.json>]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint': {
      const conf = rest[0];
      if (!conf) throw new Error('lint needs a configuration file');
      return lint(conf);
    }
    case 'eval': {
      const args = parseArgs(rest, ['log-lines']);
      const out = args.flags.get('out');
      const s = await evaluate({
        conf: required(args, 'conf'),
        input: required(args, 'in'),
        output: typeof out === 'string' ? out : null,
        logLines: args.flags.has('log-lines'),
      });
      const unavailable = [...s.unavailable.keys()].join(', ') || 'none';
      console.error(`eval: ${s.requests} requests, ${s.intervened} intervened, ${s.errors} errors, ${s.ms.toFixed(0)} ms; not yet available: ${unavailable}`);
      return s.errors ? 1 : 0;
    }
    case 'bench': {
      const args = parseArgs(rest, ['json']);
      const count = (name: string, dflt: number) => {
        const v = args.flags.get(name);
        const n = typeof v === 'string' ? Number(v) : dflt;
        if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a whole number`);
        return n;
      };
      const warmupIn = args.flags.get('warmup-in');
      await bench({
        conf: required(args, 'conf'),
        input: required(args, 'in'),
        passes: count('passes', 3) || 1,
        warmup: count('warmup', 1),
        ...(typeof warmupIn === 'string' ? { warmupInput: warmupIn } : {}),
        json: args.flags.has('json'),
      });
      return 0;
    }
    case 'ftw':
      return ftwMain(rest);
    case 'run': {
      const args = parseArgs(rest, ['progress', 'list']);
      const conf = args.flags.get('conf');
      await runMain({
        ...(typeof conf === 'string' ? { conf } : {}),
        ...(args.lists.has('corpus') ? { corpora: args.lists.get('corpus')! } : {}),
        progress: args.flags.has('progress'),
        list: args.flags.has('list'),
      });
      return 0;
    }
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    console.error(`portcullis: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
