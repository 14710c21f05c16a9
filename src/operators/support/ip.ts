/**
 * IPv4/IPv6 networks for @ipMatch and @ipMatchFromFile. As in ModSecurity v2, IPv4 and IPv6 are
 * separate families: a value containing ':' is looked up among the IPv6 networks only (so
 * `::ffff:1.2.3.4` does not match `1.2.3.0/24`), anything else among the IPv4 ones.
 */
export interface IpNetwork {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** inet_pton(AF_INET): four decimal octets, no leading zeros. */
export function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    bytes[i] = Number(p);
  }
  return bytes;
}

/** inet_pton(AF_INET6): hex groups, one `::`, an optional trailing dotted IPv4. */
export function parseIpv6(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        out.push(parseInt(p, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  // A dotted IPv4 may only end the address.
  if (halves.length === 2 && halves[0]!.includes('.')) return null;
  const total = head.length + tail.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return null;
  const all = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

function parseAddress(text: string): Uint8Array | null {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/**
 * Parses one `address[/prefix]` entry. Throws on an unparsable address; returns null (after
 * `warn`) for an out-of-range prefix, which v2 refuses as a configuration error.
 */
export function parseNetwork(entry: string, warn: (message: string) => void): IpNetwork | null {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const bytes = parseAddress(address);
  if (!bytes) throw new Error(`invalid IP address ${JSON.stringify(entry)}`);
  const max = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: max };
  const prefixText = entry.slice(slash + 1);
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) {
    warn(`ignoring ${JSON.stringify(entry)}: prefix length must be 0-${max}`);
    return null;
  }
  return { bytes, prefix };
}

export class IpSet {
  private readonly v4: IpNetwork[] = [];
  private readonly v6: IpNetwork[] = [];

  add(network: IpNetwork): void {
    (network.bytes.length === 4 ? this.v4 : this.v6).push(network);
  }

  get size(): number {
    return this.v4.length + this.v6.length;
  }

  /** True when the value is an address inside one of the networks; false for a non-address. */
  contains(value: string): boolean {
    const bytes = parseAddress(value);
    if (!bytes) return false;
    const list = bytes.length === 4 ? this.v4 : this.v6;
    return list.some((n) => inPrefix(bytes, n));
  }
}

function inPrefix(bytes: Uint8Array, network: IpNetwork): boolean {
  const full = network.prefix >> 3;
  for (let i = 0; i < full; i++) if (bytes[i] !== network.bytes[i]) return false;
  const rest = network.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (bytes[full]! & mask) === (network.bytes[full]! & mask);
}
