import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConfigAst, DirectiveNode, Position } from './ast.js';
import { parseActionsLocated } from './actions.js';
import { lookupDirective, type DirectiveSpec } from './directives.js';
import { SecLangError } from './errors.js';
import { expandIncludePath } from './include.js';
import { splitDirectives, type Arg, type RawDirective } from './lexer.js';
import { parseOperatorLocated } from './operator.js';
import { LineIndex } from './source.js';
import { parseTargetsLocated } from './targets.js';

interface Context {
  /** Receives each directive as soon as it is parsed, in order. */
  visit: (d: DirectiveNode) => void;
  files: string[];
  /** Real paths of the files being read, outermost first: an Include of one of them is a cycle. */
  stack: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function checkArgCount(spec: DirectiveSpec, raw: RawDirective, pos: Position): void {
  const n = raw.args.length;
  if (n >= spec.minArgs && n <= spec.maxArgs) return;
  const wanted =
    spec.minArgs === spec.maxArgs
      ? plural(spec.minArgs, 'argument')
      : spec.maxArgs === Number.POSITIVE_INFINITY
        ? `at least ${plural(spec.minArgs, 'argument')}`
        : `${spec.minArgs} to ${plural(spec.maxArgs, 'argument')}`;
  const message = `${spec.name} takes ${wanted}, got ${n}`;
  // Too many: point at the first extra argument; too few: at the directive.
  throw new SecLangError(message, n > spec.maxArgs ? raw.args[spec.maxArgs]!.pos(0) : pos);
}

/** `SecRuleRemoveByTag` -> `tag`. */
const byOf = (name: string) => name.slice(name.lastIndexOf('By') + 2).toLowerCase() as 'id' | 'tag' | 'msg';

function readConfigFile(file: string): string {
  // latin1: one JS char per byte, so patterns keep the exact bytes ModSecurity would match.
  return readFileSync(file, 'latin1');
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function include(arg: Arg, optional: boolean, baseDir: string, ctx: Context): void {
  const expanded = expandIncludePath(arg.text, baseDir);
  let files = expanded.files;
  if (!expanded.isGlob) {
    let isDir = false;
    try {
      isDir = statSync(files[0]!).isDirectory();
    } catch {
      if (optional) return;
      throw new SecLangError(`Include file not found: ${files[0]}`, arg.pos(0));
    }
    // Apache includes every file of a named directory.
    if (isDir) files = expandIncludePath('*', files[0]!).files;
  } else if (files.length === 0 && !optional) {
    // Apache and libmodsecurity reject an Include whose wildcard matches nothing: a typo in a CRS
    // path would otherwise load no rules without a word. IncludeOptional allows it.
    throw new SecLangError(`Include matches no file: ${arg.text}`, arg.pos(0));
  }
  for (const file of files) {
    const real = realPath(file);
    const cycle = ctx.stack.indexOf(real);
    if (cycle !== -1) {
      const chain = [...ctx.stack.slice(cycle), real].join(' -> ');
      throw new SecLangError(`Include cycle: ${chain}`, arg.pos(0));
    }
    let text: string;
    try {
      text = readConfigFile(file);
    } catch (e) {
      throw new SecLangError(`cannot read included file ${file}: ${(e as Error).message}`, arg.pos(0));
    }
    ctx.files.push(file);
    ctx.stack.push(real);
    parseSource(text, file, path.dirname(file), ctx);
    ctx.stack.pop();
  }
}

function parseSource(text: string, file: string, baseDir: string, ctx: Context): void {
  const lines = new LineIndex(file, text);
  const { visit } = ctx;
  for (const raw of splitDirectives(text, lines)) {
    const pos = lines.position(raw.at);
    const spec = lookupDirective(raw.name);
    if (!spec) throw new SecLangError(`unknown directive ${raw.name}`, pos);
    checkArgCount(spec, raw, pos);
    const a = raw.args;
    const name = spec.name;
    switch (name) {
      case 'SecRule':
        visit({
          kind: 'SecRule',
          pos,
          targets: parseTargetsLocated(a[0]!),
          operator: parseOperatorLocated(a[1]!),
          actions: a[2] ? parseActionsLocated(a[2]) : [],
        });
        break;
      case 'SecAction':
        visit({ kind: 'SecAction', pos, actions: parseActionsLocated(a[0]!) });
        break;
      case 'SecDefaultAction':
        visit({ kind: 'SecDefaultAction', pos, actions: parseActionsLocated(a[0]!) });
        break;
      case 'SecMarker':
        visit({ kind: 'SecMarker', pos, label: a[0]!.text });
        break;
      case 'SecRuleRemoveById':
      case 'SecRuleRemoveByTag':
      case 'SecRuleRemoveByMsg':
        visit({ kind: 'SecRuleRemove', pos, by: byOf(name), args: a.map((x) => x.text) });
        break;
      case 'SecRuleUpdateTargetById':
      case 'SecRuleUpdateTargetByTag':
      case 'SecRuleUpdateTargetByMsg':
        visit({
          kind: 'SecRuleUpdateTarget',
          pos,
          by: byOf(name),
          selector: a[0]!.text,
          targets: parseTargetsLocated(a[1]!),
          replaced: a[2] ? parseTargetsLocated(a[2]) : null,
        });
        break;
      case 'SecRuleUpdateActionById':
        visit({ kind: 'SecRuleUpdateAction', pos, selector: a[0]!.text, actions: parseActionsLocated(a[1]!) });
        break;
      case 'Include':
      case 'IncludeOptional':
        include(a[0]!, name === 'IncludeOptional', baseDir, ctx);
        break;
      default:
        visit({ kind: 'Config', pos, name, args: a.map((x) => x.text) });
    }
  }
}

export interface SourceOptions {
  file?: string;
  baseDir?: string;
}

/**
 * Parses SecLang text, handing each directive to `visit` as soon as it is parsed rather than
 * building the whole tree: a loader that compiles as it goes keeps no AST alive (CRS's is a few
 * MB). Returns the files read. `file` names the text in positions and errors (default
 * `<string>`); relative Include paths resolve against `baseDir`, by default the directory of
 * `file`, else the working directory.
 */
export function visitConfigString(text: string, opts: SourceOptions, visit: (d: DirectiveNode) => void): string[] {
  const file = opts.file ?? '<string>';
  const baseDir = path.resolve(opts.baseDir ?? (opts.file ? path.dirname(opts.file) : '.'));
  const ctx: Context = { visit, files: [file], stack: opts.file ? [realPath(opts.file)] : [] };
  parseSource(text, file, baseDir, ctx);
  return ctx.files;
}

/**
 * visitConfigString on a file, Includes expanded in place. Positions name files by absolute path.
 * A missing main file throws Node's own error.
 */
export function visitConfigFile(file: string, visit: (d: DirectiveNode) => void): string[] {
  const abs = path.resolve(file);
  return visitConfigString(readConfigFile(abs), { file: abs }, visit);
}

/** Parses SecLang text into its AST (see visitConfigString). */
export function parseConfigString(text: string, opts: SourceOptions = {}): ConfigAst {
  const directives: DirectiveNode[] = [];
  const files = visitConfigString(text, opts, (d) => directives.push(d));
  return { directives, files };
}

/** Reads and parses a configuration file into its AST (see visitConfigFile). */
export function parseConfigFile(file: string): ConfigAst {
  const directives: DirectiveNode[] = [];
  const files = visitConfigFile(file, (d) => directives.push(d));
  return { directives, files };
}
