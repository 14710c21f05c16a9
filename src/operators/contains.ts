import { stringOperator } from './support/string-operator.js';
import type { OperatorDefinition } from './types.js';

/** @contains: the parameter occurs in the value; an empty parameter always matches. */
export default stringOperator('contains', (value, param) => value.includes(param)) satisfies OperatorDefinition;
