import { describe, expect, it } from 'vitest';
import ipMatch from './ipMatch.js';
import ipMatchFromFile from './ipMatchFromFile.js';
import { getOperator } from './registry.js';
import { testContext, testEnv } from './test-env.js';

const check = (op: { evaluate: (v: string, c: ReturnType<typeof testContext>) => boolean }, v: string): boolean => op.evaluate(v, testContext(v));

describe('@ipMatch', () => {
  it('matches IPv4 and IPv6 addresses and networks, comma-separated', () => {
    const op = ipMatch.create('192.168.0.0/16, 10.1.2.3,2001:db8::/32', testEnv());
    expect(check(op, '192.168.44.1')).toBe(true);
    expect(check(op, '10.1.2.3')).toBe(true);
    expect(check(op, '10.1.2.4')).toBe(false);
    expect(check(op, '2001:DB8:1::5')).toBe(true);
    expect(check(op, '2001:db9::1')).toBe(false);
    expect(check(op, 'not an ip')).toBe(false);
    expect(check(op, '192.168.1')).toBe(false);
  });

  it('keeps IPv4 and IPv6 apart (v2 uses two trees)', () => {
    expect(check(ipMatch.create('1.2.3.0/24', testEnv()), '::ffff:1.2.3.4')).toBe(false);
  });

  it('throws on a malformed address and warns on an out-of-range prefix', () => {
    expect(() => ipMatch.create('1.2.3', testEnv())).toThrow(/invalid IP address/);
    const env = testEnv();
    expect(check(ipMatch.create('10.0.0.0/33', env), '10.0.0.1')).toBe(false);
    expect(env.warnings).toEqual([expect.stringMatching(/^ipMatch: ignoring "10.0.0.0\/33"/)]);
  });
});

describe('@ipMatchFromFile', () => {
  it('reads one entry per line, skipping comments; also @ipMatchF', () => {
    const env = testEnv({ 'ips.txt': '# blocked\n203.0.113.0/24\n\n::1\n' });
    const op = ipMatchFromFile.create('ips.txt', env);
    expect(check(op, '203.0.113.9')).toBe(true);
    expect(check(op, '::1')).toBe(true);
    expect(check(op, '198.51.100.1')).toBe(false);
    expect(getOperator('ipmatchf')).toBe(ipMatchFromFile);
  });
});
