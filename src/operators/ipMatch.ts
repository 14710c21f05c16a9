import { IpSet, parseNetwork } from './support/ip.js';
import type { OperatorDefinition, OperatorEnv } from './types.js';

/**
 * Builds the set from entries; shared with @ipMatchFromFile. Takes the env itself: a closure over
 * it in the operator would keep the whole load-time compiler alive through the rule.
 */
export function ipSetOf(name: string, entries: string[], env: OperatorEnv): IpSet {
  const set = new IpSet();
  for (const entry of entries) {
    const network = parseNetwork(entry, (m) => env.warn(`${name}: ${m}`));
    if (network) set.add(network);
  }
  return set;
}

/** @ipMatch: the value is an IPv4/IPv6 address inside one of the comma-separated addresses/CIDRs. */
export default {
  name: 'ipMatch',
  create(param, env) {
    const entries = param.split(',').map((e) => e.trim()).filter((e) => e !== '');
    if (entries.length === 0) throw new Error('ipMatch: missing parameter (IP addresses or networks)');
    const set = ipSetOf('ipMatch', entries, env);
    return { evaluate: (value) => set.contains(value) };
  },
} satisfies OperatorDefinition;
