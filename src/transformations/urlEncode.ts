import { bytesToString, bytesWithPrefix } from './bytes.js';
import type { TransformationDefinition } from './types.js';

const HEX = '0123456789abcdef';

/**
 * ModSecurity's `url_encode` keeps `*`, digits and ASCII letters; 1 marks those bytes, 2 the
 * space (written as `+`), 0 everything else (written as lower-case `%xx`, so `-`, `.`, `_` and
 * `~` are encoded too).
 */
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const keep = c === 0x2a || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  CLASS[c] = keep ? 1 : c === 0x20 ? 2 : 0;
}

export function urlEncode(value: string): string {
  const n = value.length;
  let i = 0;
  while (i < n && CLASS[value.charCodeAt(i) & 0xff] === 1) i++;
  if (i === n) return value;
  const out = bytesWithPrefix(value, i, i + (n - i) * 3);
  let j = i;
  for (; i < n; i++) {
    const c = value.charCodeAt(i) & 0xff;
    const kind = CLASS[c];
    if (kind === 1) {
      out[j++] = c;
    } else if (kind === 2) {
      out[j++] = 0x2b;
    } else {
      out[j++] = 0x25;
      out[j++] = HEX.charCodeAt(c >> 4);
      out[j++] = HEX.charCodeAt(c & 15);
    }
  }
  return bytesToString(out, j);
}

export default {
  name: 'urlEncode',
  create: () => urlEncode,
} satisfies TransformationDefinition;
