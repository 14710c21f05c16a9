import { stringOperator } from './support/string-operator.js';
import type { OperatorDefinition } from './types.js';

/** @beginsWith: the value starts with the parameter; an empty parameter always matches. */
export default stringOperator('beginsWith', (value, param) => value.startsWith(param)) satisfies OperatorDefinition;
