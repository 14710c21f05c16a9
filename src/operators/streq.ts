import { stringOperator } from './support/string-operator.js';
import type { OperatorDefinition } from './types.js';

/** @streq: the value equals the parameter, byte for byte. */
export default stringOperator('streq', (value, param) => value === param) satisfies OperatorDefinition;
