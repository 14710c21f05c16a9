/**
 * The table-driven form of the transformations' example tests: each test name maps to the
 * inputs it checks and the outputs ModSecurity gives for them.
 */
import { expect, it } from 'vitest';
import type { Transformation } from './types.js';

/** `[input, expected]` for the suite's transformation, or `[transformation, input, expected]`. */
export type Case = readonly [string, string] | readonly [Transformation, string, string];

/**
 * One `it` per entry of `cases`, asserting each of its cases. `transform` serves the cases that
 * do not name their own transformation (null when they all do).
 */
export function itTransforms(transform: Transformation | null, cases: Record<string, readonly Case[]>): void {
  for (const [name, list] of Object.entries(cases)) {
    it(name, () => {
      for (const c of list) {
        const [fn, input, expected] = c.length === 3 ? c : [transform, c[0], c[1]];
        if (fn === null) throw new Error(`${name}: a case without a transformation`);
        expect(fn(input), `input ${JSON.stringify(input)}`).toBe(expected);
      }
    });
  }
}
