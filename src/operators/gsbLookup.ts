import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @gsbLookup cannot work here: Google Safe Browsing lookups are not supported. */
export default unavailableOperator('gsbLookup', 'Google Safe Browsing lookups are not supported') satisfies OperatorDefinition;
