import { stringOperator } from './support/string-operator.js';
import type { OperatorDefinition } from './types.js';

/**
 * @within: the value occurs in the parameter (a plain substring test: `GET` is within
 * `GET HEAD POST`). As in v2, an empty value always matches and an empty parameter matches only
 * an empty value.
 */
export default stringOperator('within', (value, param) => param.includes(value)) satisfies OperatorDefinition;
