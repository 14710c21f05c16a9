import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @validateDTD cannot work here: XML DTD validation is not supported. */
export default unavailableOperator('validateDTD', 'XML DTD validation is not supported') satisfies OperatorDefinition;
