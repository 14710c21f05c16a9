import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @inspectFile cannot work here: external inspection programs are not run. */
export default unavailableOperator('inspectFile', 'external inspection programs are not run') satisfies OperatorDefinition;
