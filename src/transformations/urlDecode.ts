import { bytesToString, isHex, x2c } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/**
 * ModSecurity's `urldecode_nonstrict_inplace_ex`: `%XX` with two hex digits becomes a byte,
 * any other `%` is kept as is, and `+` becomes a space.
 */
export function urlDecode(value: string): string {
  if (value.indexOf('%') === -1 && value.indexOf('+') === -1) return value;
  const n = value.length;
  const out = new Uint8Array(n);
  let changed = false;
  let i = 0;
  let j = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x25 && i + 2 < n) {
      const c1 = value.charCodeAt(i + 1);
      const c2 = value.charCodeAt(i + 2);
      if (isHex(c1) && isHex(c2)) {
        out[j++] = x2c(c1, c2);
        i += 3;
        changed = true;
        continue;
      }
    } else if (c === 0x2b) {
      out[j++] = 0x20;
      i++;
      changed = true;
      continue;
    }
    out[j++] = c;
    i++;
  }
  return changed ? bytesToString(out, j) : value;
}

export default {
  name: 'urlDecode',
  create: () => urlDecode,
} satisfies TransformationDefinition;
