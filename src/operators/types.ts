import type { CompiledRegex } from '../compiler/regex.js';

/**
 * The operator family: `@rx`, `@pm`, `@eq`... Each operator lives in its own
 * file and registers a definition in `registry.ts`. Operators are created once
 * at load time (regexes compiled, automata built, IP sets parsed) and then
 * evaluated many times per request.
 *
 * Values are binary strings: one JS char per byte (0x00-0xFF), as the engine
 * keeps every request value.
 */

/** Reads the current transaction's variables while a macro expands (`%{tx.anomaly_score}`). */
export interface MacroScope {
  /**
   * The value of `collection.key` (or of a single variable when key is null), '' when absent. Keys
   * are matched case-insensitively and come lower-cased (macros lower-case them at load time).
   */
  lookup(collection: string, key: string | null): string;
}

/** A parameter text that may contain macros, prepared at load time. */
export interface Macro {
  /** The text when it holds no macro, else null. */
  readonly constant: string | null;
  expand(scope: MacroScope): string;
}

/** What an operator may need at load time. */
export interface OperatorEnv {
  /** Directory of the rule file that holds the operator (data files are relative to it). */
  readonly baseDir: string;
  /** Reads a data file (`@pmFromFile`, `@ipMatchFromFile`) relative to baseDir, as a binary string. */
  readFile(path: string): string;
  /** Prepares a parameter that may contain `%{...}` macros. */
  macro(text: string): Macro;
  /** Records a load-time warning (shown by `portcullis lint`). */
  warn(message: string): void;
}

/** Per-evaluation context, provided by the engine. */
export interface MatchContext {
  /**
   * The evaluated value encoded as UTF-8 (each char 0x80-0xFF becomes two bytes), which is what
   * re2 wants (see regex-and-toolchain.md §3.4). The engine computes it at most once per value.
   */
  utf8(): Buffer;
  /**
   * When the rule has `capture`, an array the operator fills: index 0 the whole match, 1-9 the
   * groups (what ModSecurity puts in TX:0..TX:9). Null when capture is off: do no capture work.
   */
  captures: string[] | null;
  /** For macros in the parameter. */
  scope: MacroScope;
}

export interface Operator {
  /** True when the operator matches (before any `!` negation, which the engine applies). */
  evaluate(value: string, ctx: MatchContext): boolean;
  /**
   * For @rx with a static pattern: the compiled regex, so the compiler can put it in an RE2.Set
   * with the other patterns of its phase and transformation chain.
   */
  readonly regex?: CompiledRegex;
  /**
   * For @pm and @pmFromFile: the phrases (read when asked), so the compiler can answer the phrase
   * lists of a phase and transformation chain with one automaton.
   */
  readonly phrases?: () => readonly string[];
}

export interface OperatorDefinition {
  /** SecLang name, as written after `@` (case-sensitive in registration, matched case-insensitively). */
  name: string;
  /** Builds the operator; throws an Error with a clear message when the parameter is malformed. */
  create(param: string, env: OperatorEnv): Operator;
}
