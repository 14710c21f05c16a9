import type { OperatorDefinition } from '../types.js';

/**
 * An operator this engine cannot run (no GeoIP database, no DNS, no external programs, no XML
 * validation): it never matches, and says so at load time rather than silently.
 */
export function unavailableOperator(name: string, why: string): OperatorDefinition {
  return {
    name,
    create(_param, env) {
      env.warn(`${name}: unavailable: ${why}`);
      return { evaluate: () => false };
    },
  };
}
