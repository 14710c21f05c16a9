import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { compileConfigFile, compileConfigString, type CompiledConfig, type Diagnostic } from './compiler/compile.js';
import type { EngineConfig } from './compiler/config.js';
import type { PhaseProgram } from './compiler/program.js';
import type { AnswerScope, SetGroup } from './compiler/passes/hits.js';
import type { Macro } from './operators/types.js';
import { compileMacro } from './engine/macro.js';
import { PersistentCollections } from './engine/persistence.js';
import { Transaction, type ConnectionInfo } from './engine/transaction.js';
import type { WafRuntime } from './engine/runtime.js';
import { createAuditLogger } from './audit/logger.js';
import { Memo } from './engine/memo.js';
import { type ValueAnalysis, VALUE_ANALYSES } from './engine/value-analysis.js';

export interface TransactionOptions {
  remoteAddr?: string;
  remotePort?: number;
  serverAddr?: string;
  serverPort?: number;
  /** UNIQUE_ID; generated when absent */
  id?: string;
}

export interface LoadOptions {
  /** Optimisation passes (default true); false runs every rule on its own, for cross-checking. */
  optimise?: boolean;
}

let counter = 0;
const prefix = randomBytes(6).toString('hex');

/**
 * A loaded rule set: parse and compile once, then create one transaction per HTTP request.
 */
export class Waf implements WafRuntime {
  readonly config: EngineConfig;
  readonly phases: readonly PhaseProgram[];
  readonly ruleCount: number;
  readonly setGroups: readonly SetGroup[];
  readonly wideEntrySlots: Int32Array;
  readonly answerScopes: readonly AnswerScope[];
  readonly slots: WafRuntime['slots'];
  readonly valueAnalyses = new Memo<ValueAnalysis>(VALUE_ANALYSES);
  readonly audit: ((tx: Transaction) => void) | null;
  /** load-time warnings (unsupported operators, unavailable variables...) */
  readonly warnings: readonly Diagnostic[];
  readonly compiled: CompiledConfig;
  /** milliseconds spent parsing and compiling */
  readonly loadMs: number;
  private readonly macros = new Map<string, Macro>();
  private persistentCollections: PersistentCollections | null = null;
  private warming: Promise<void> | null = null;

  private constructor(compiled: CompiledConfig, loadMs: number) {
    this.compiled = compiled;
    this.config = compiled.config;
    this.phases = compiled.phases;
    this.ruleCount = compiled.ruleCount;
    this.setGroups = compiled.setGroups;
    this.wideEntrySlots = new Int32Array(compiled.setGroups.length * 32);
    for (const g of compiled.setGroups) g.wideEntrySlots.forEach((slot, b) => (this.wideEntrySlots[(g.id << 5) | b] = slot));
    this.answerScopes = compiled.answerScopes;
    this.slots = { answers: compiled.answerSlots, targets: compiled.targetsSlots, resolved: compiled.resolveSlots, wideEntries: compiled.wideEntrySlots, noWords: compiled.noWords };
    this.warnings = compiled.warnings;
    this.loadMs = loadMs;
    this.audit = createAuditLogger(compiled.config);
  }

  /** Loads a main configuration file (Includes resolved relative to it). */
  static async fromFile(path: string, options: LoadOptions = {}): Promise<Waf> {
    return Waf.fromFileSync(path, options);
  }

  static fromFileSync(path: string, options: LoadOptions = {}): Waf {
    const t0 = performance.now();
    return new Waf(compileConfigFile(resolve(path), options), performance.now() - t0);
  }

  /** Loads rules from text; `baseDir` resolves Include and data files (default: cwd). */
  static async fromString(text: string, options: LoadOptions & { baseDir?: string; file?: string } = {}): Promise<Waf> {
    return Waf.fromStringSync(text, options);
  }

  static fromStringSync(text: string, options: LoadOptions & { baseDir?: string; file?: string } = {}): Waf {
    const t0 = performance.now();
    const baseDir = options.baseDir ?? process.cwd();
    const file = options.file ?? resolve(baseDir, '<string>');
    return new Waf(compileConfigString(text, { file, baseDir }, options), performance.now() - t0);
  }

  /**
   * Created when a rule first opens a persistent collection (initcol...): its table is sized for
   * 100,000 records up front (4 MB), and rule sets such as CRS open none unless told to.
   */
  get persistent(): PersistentCollections {
    return (this.persistentCollections ??= new PersistentCollections(this.config.collectionTimeout));
  }

  /**
   * Builds what the rule set otherwise builds when requests first need it (the set groups' RE2.Set
   * programs, literal scans and phrase automata: about half a second with CRS), one group at a time,
   * yielding to the event loop in between. A server calls it after loading, awaited before it
   * listens or not, so that its first requests do not pay for it. The adapters call it; a second
   * call gets the first one's promise.
   */
  warm(): Promise<void> {
    return (this.warming ??= (async () => {
      for (const group of this.setGroups) {
        group.prepare();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })());
  }

  /** Number of rules (chain starters) per phase, index 1..5. */
  ruleCounts(): number[] {
    return this.phases.map((p) => p.rules.length);
  }

  transaction(options: TransactionOptions = {}): Transaction {
    const conn: ConnectionInfo = {
      remoteAddr: options.remoteAddr ?? '127.0.0.1',
      remotePort: options.remotePort ?? 0,
      serverAddr: options.serverAddr ?? '127.0.0.1',
      serverPort: options.serverPort ?? 80,
    };
    return new Transaction(this, conn, options.id ?? `${prefix}${(++counter).toString(36)}`);
  }

  macro(text: string): Macro {
    let m = this.macros.get(text);
    if (!m) this.macros.set(text, (m = compileMacro(text)));
    return m;
  }
}
