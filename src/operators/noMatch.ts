import type { OperatorDefinition } from './types.js';

/** @noMatch: never matches. */
export default {
  name: 'noMatch',
  create: () => ({ evaluate: () => false }),
} satisfies OperatorDefinition;
