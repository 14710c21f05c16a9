import { identityTable } from './bytes.js';

/** Whether `c` has an odd number of set bits over all 8 bits. */
function oddParity(c: number): boolean {
  let x = c ^ (c >> 4);
  x ^= x >> 2;
  x ^= x >> 1;
  return (x & 1) === 1;
}

/**
 * Byte tables of the parity transformations. As in ModSecurity v2, the parity is taken over
 * all 8 input bits (so a byte that already has bit 7 set can lose it), then bit 7 is set or
 * cleared: `even` sets it on odd parity, `odd` sets it on even parity, `zero` always clears it.
 */
export function parityTable(kind: 'even' | 'odd' | 'zero'): Uint8Array {
  const t = identityTable();
  for (let c = 0; c < 256; c++) {
    if (kind === 'zero') t[c] = c & 0x7f;
    else t[c] = oddParity(c) === (kind === 'even') ? c | 0x80 : c & 0x7f;
  }
  return t;
}
