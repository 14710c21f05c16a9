import type { VariableDefinition } from './types.js';
import { collection, namesOf, scalar } from './derive.js';

const ARGS = collection('ARGS', (tx) => tx.args());
const ARGS_GET = collection('ARGS_GET', (tx) => tx.argsGet);
const ARGS_POST = collection('ARGS_POST', (tx) => tx.argsPost);

/** Query-string and body arguments. */
export const argsVariables: VariableDefinition[] = [
  ARGS,
  namesOf('ARGS_NAMES', ARGS),
  ARGS_GET,
  namesOf('ARGS_GET_NAMES', ARGS_GET),
  ARGS_POST,
  namesOf('ARGS_POST_NAMES', ARGS_POST),
  scalar('ARGS_COMBINED_SIZE', (tx) => {
    let n = 0;
    for (const e of tx.args()) n += e.key.length + e.value.length;
    return String(n);
  }),
];
