/**
 * Test doubles for operators: an OperatorEnv over in-memory data files with a small `%{...}`
 * macro expander, and a MatchContext over a fixed variable scope.
 */
import type { Macro, MacroScope, MatchContext, OperatorEnv } from './types.js';

const MACRO = /%\{([^}.]+)(?:\.([^}]*))?\}/g;

/** A scope over `collection.key` → value (names lower-cased; a bare variable is `name`). */
export function fakeScope(vars: Record<string, string> = {}): MacroScope {
  const table = new Map(Object.entries(vars).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    lookup: (collection, key) => table.get(key === null ? collection.toLowerCase() : `${collection}.${key}`.toLowerCase()) ?? '',
  };
}

export function fakeMacro(text: string): Macro {
  const constant = text.includes('%{') ? null : text;
  return {
    constant,
    expand: (scope) => (constant !== null ? constant : text.replace(MACRO, (_m, c: string, k?: string) => scope.lookup(c, k ?? null))),
  };
}

export interface TestEnv extends OperatorEnv {
  readonly warnings: string[];
}

export function testEnv(files: Record<string, string> = {}, baseDir = '/rules'): TestEnv {
  const warnings: string[] = [];
  return {
    baseDir,
    warnings,
    readFile(path) {
      const text = files[path];
      if (text === undefined) throw new Error(`no such data file: ${path}`);
      return text;
    },
    macro: fakeMacro,
    warn: (message) => warnings.push(message),
  };
}

export function testContext(value: string, options: { capture?: boolean; vars?: Record<string, string> } = {}): MatchContext {
  let utf8: Buffer | undefined;
  return {
    utf8: () => (utf8 ??= Buffer.from(value, 'utf8')),
    captures: options.capture ? [] : null,
    scope: fakeScope(options.vars),
  };
}
