import type { OperatorDefinition } from './types.js';

/** @unconditionalMatch: always matches. */
export default {
  name: 'unconditionalMatch',
  create: () => ({ evaluate: () => true }),
} satisfies OperatorDefinition;
