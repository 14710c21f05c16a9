import { describe, expect, it } from 'vitest';
import { getOperator, operators } from './registry.js';
import { testContext, testEnv } from './test-env.js';

describe('operator registry', () => {
  it('looks names up case-insensitively, aliases included', () => {
    expect(getOperator('RX')?.name).toBe('rx');
    expect(getOperator('pmf')?.name).toBe('pmFromFile');
    expect(getOperator('ipMatchF')?.name).toBe('ipMatchFromFile');
    expect(getOperator('nope')).toBeUndefined();
    for (const [key, def] of operators) expect(key === def.name.toLowerCase() || key === 'pmf' || key === 'ipmatchf').toBe(true);
  });

  it('operators that cannot work here never match and warn at creation', () => {
    for (const name of ['geoLookup', 'rbl', 'inspectFile', 'validateDTD', 'validateSchema', 'fuzzyHash', 'gsbLookup', 'validateHash', 'rsub']) {
      const env = testEnv();
      const op = getOperator(name)!.create('x', env);
      expect(op.evaluate('1.2.3.4', testContext('1.2.3.4')), name).toBe(false);
      expect(env.warnings, name).toEqual([expect.stringMatching(new RegExp(`^${name}: unavailable: `))]);
    }
  });
});
