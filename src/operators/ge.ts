import { numericOperator } from './support/numeric.js';
import type { OperatorDefinition } from './types.js';

/** @ge: atoi(value) >= atoi(parameter), both sides parsed as glibc atoi() (non-numeric is 0). */
export default numericOperator('ge', (left, right) => left >= right) satisfies OperatorDefinition;
