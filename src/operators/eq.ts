import { numericOperator } from './support/numeric.js';
import type { OperatorDefinition } from './types.js';

/** @eq: atoi(value) === atoi(parameter), both sides parsed as glibc atoi() (non-numeric is 0). */
export default numericOperator('eq', (left, right) => left === right) satisfies OperatorDefinition;
