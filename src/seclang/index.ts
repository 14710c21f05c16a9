export type * from './ast.js';
export { SecLangError } from './errors.js';
export { parseConfigFile, parseConfigString, visitConfigFile, visitConfigString, type SourceOptions } from './parser.js';
export { parseTargets } from './targets.js';
export { parseActions } from './actions.js';
export { parseOperator, KNOWN_OPERATORS } from './operator.js';
export { KNOWN_DIRECTIVES, lookupDirective, type DirectiveSpec } from './directives.js';
