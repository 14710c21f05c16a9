import { IpSet, parseNetwork } from './support/ip.js';
import type { OperatorDefinition } from './types.js';

/** Builds the set from entries; shared with @ipMatchFromFile. */
export function ipSetOf(name: string, entries: string[], warn: (message: string) => void): IpSet {
  const set = new IpSet();
  for (const entry of entries) {
    const network = parseNetwork(entry, (m) => warn(`${name}: ${m}`));
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
    const set = ipSetOf('ipMatch', entries, (m) => env.warn(m));
    return { evaluate: (value) => set.contains(value) };
  },
} satisfies OperatorDefinition;
