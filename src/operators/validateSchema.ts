import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @validateSchema cannot work here: XML schema validation is not supported. */
export default unavailableOperator('validateSchema', 'XML schema validation is not supported') satisfies OperatorDefinition;
