import type { VariableDefinition } from './types.js';
import { requestVariables } from './request.js';
import { argsVariables } from './args.js';
import { bodyVariables } from './body.js';
import { multipartVariables } from './multipart.js';
import { responseVariables } from './response.js';
import { stateVariables } from './state.js';
import { timeVariables } from './time.js';

/** Every variable ModSecurity defines that portcullis implements, by upper-case name. */
export const variables: ReadonlyMap<string, VariableDefinition> = new Map(
  [
    ...requestVariables,
    ...argsVariables,
    ...bodyVariables,
    ...multipartVariables,
    ...responseVariables,
    ...stateVariables,
    ...timeVariables,
  ].map((v) => [v.name, uniform(v)]),
);

/** Every definition with the same fields in the same order: the engine's reads of them stay monomorphic. */
function uniform(v: VariableDefinition): VariableDefinition {
  return { name: v.name, collection: v.collection, read: v.read, compileSelector: v.compileSelector, selectKey: v.selectKey, selectWhere: v.selectWhere };
}

export function getVariable(name: string): VariableDefinition | undefined {
  return variables.get(name.toUpperCase());
}
