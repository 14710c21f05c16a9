import { stringOperator } from './support/string-operator.js';
import type { OperatorDefinition } from './types.js';

/** @endsWith: the value ends with the parameter; an empty parameter always matches. */
export default stringOperator('endsWith', (value, param) => value.endsWith(param)) satisfies OperatorDefinition;
