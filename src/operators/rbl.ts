import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @rbl cannot work here: DNS blocklist lookups are not performed. */
export default unavailableOperator('rbl', 'DNS blocklist lookups are not performed') satisfies OperatorDefinition;
