import type { EngineConfig } from '../compiler/config.js';
import type { PhaseProgram } from '../compiler/program.js';
import type { Macro } from '../operators/types.js';
import type { PersistentCollections } from './persistence.js';
import type { Transaction } from './transaction.js';
import type { Memo } from './memo.js';
import type { ValueAnalysis } from './value-analysis.js';
import type { AnswerScope, SetGroup } from '../compiler/passes/hits.js';

/** What a transaction needs from its Waf: the program, the settings, shared state. */
export interface WafRuntime {
  readonly config: EngineConfig;
  /** index 1..5 */
  readonly phases: readonly PhaseProgram[];
  /** Rule.index < ruleCount */
  readonly ruleCount: number;
  /** the set groups (RE2.Set and phrase groups), by id */
  readonly setGroups: readonly SetGroup[];
  /** SetGroup.wideEntrySlots of every group side by side, at group id × 32 + wide target (read per request without the groups) */
  readonly wideEntrySlots: Int32Array;
  /** by answer slot (Rule.answerSlots, SetGroup.wideAnswerSlots): the members its values are answered for */
  readonly answerScopes: readonly AnswerScope[];
  /**
   * How many slots a transaction keeps per kind (sized once rather than grown per request), and
   * the 32-bit words of a value analysis's "no" bits (ValueAnalysis.noBits).
   */
  readonly slots: { readonly answers: number; readonly targets: number; readonly resolved: number; readonly wideEntries: number; readonly noWords: number };
  readonly persistent: PersistentCollections;
  /** analyses of short values, shared by the Waf's transactions */
  readonly valueAnalyses: Memo<ValueAnalysis>;
  /** compiles a macro text (redirect URLs); cached */
  macro(text: string): Macro;
  /** called after phase 5 when an audit log is configured */
  readonly audit: ((tx: Transaction) => void) | null;
}
