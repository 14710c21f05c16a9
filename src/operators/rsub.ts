import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @rsub rewrites STREAM_*_BODY, which this engine does not expose. */
export default unavailableOperator('rsub', 'stream body rewriting (STREAM_INPUT_BODY/STREAM_OUTPUT_BODY) is not supported') satisfies OperatorDefinition;
