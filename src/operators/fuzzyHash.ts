import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @fuzzyHash cannot work here: ssdeep fuzzy hashing is not supported. */
export default unavailableOperator('fuzzyHash', 'ssdeep fuzzy hashing is not supported') satisfies OperatorDefinition;
