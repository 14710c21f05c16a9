import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @validateHash cannot work here: HMAC hash enforcement (SecHashEngine) is not supported. */
export default unavailableOperator('validateHash', 'HMAC hash enforcement (SecHashEngine) is not supported') satisfies OperatorDefinition;
