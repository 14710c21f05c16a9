import { bytesToString, isHex, outputBuffer, x2c } from './bytes.js';
import type { TransformationDefinition } from './types.js';

function hexPairAt(s: string, i: number, n: number): boolean {
  return i + 1 < n && isHex(s.charCodeAt(i)) && isHex(s.charCodeAt(i + 1));
}

/**
 * ModSecurity v2's `sql_hex2bytes_inplace`: each `0x`/`0X` followed by at least one pair of hex
 * digits is replaced by the decoded pairs; the byte after the run is copied without being
 * examined (so `0x410x42` gives `A0x42`). The C code works on a NUL-terminated string: input
 * stops at its first NUL, and the result ends at its first NUL (a decoded `00` truncates it).
 */
export function sqlHexDecode(value: string): string {
  const nul = value.indexOf('\0');
  if (nul === -1 && value.indexOf('0x') === -1 && value.indexOf('0X') === -1) return value;
  const n = nul === -1 ? value.length : nul;
  const out = outputBuffer(n);
  let i = 0;
  let j = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x30 && i + 1 < n && (value.charCodeAt(i + 1) | 0x20) === 0x78 && hexPairAt(value, i + 2, n)) {
      i += 2;
      while (hexPairAt(value, i, n)) {
        const b = x2c(value.charCodeAt(i), value.charCodeAt(i + 1));
        if (b === 0) return bytesToString(out, j);
        out[j++] = b;
        i += 2;
      }
      if (i >= n) break;
    }
    out[j++] = value.charCodeAt(i++);
  }
  const result = bytesToString(out, j);
  return result === value ? value : result;
}

export default {
  name: 'sqlHexDecode',
  // a NUL or "0x"
  acts: /[\0xX]/,
  create: () => sqlHexDecode,
} satisfies TransformationDefinition;
