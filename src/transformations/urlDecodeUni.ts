import { bytesToString, hexValue, isHex, x2c } from './bytes.js';
import type { TransformationDefinition, TransformEnv } from './types.js';

function isF(c: number): boolean {
  return (c | 0x20) === 0x66;
}

/**
 * ModSecurity's `urldecode_uni_nonstrict_inplace_ex`: urlDecode plus IIS-style `%uXXXX`.
 * A `%uXXXX` code point found in the unicode map (SecUnicodeMapFile) becomes the mapped byte;
 * otherwise it becomes its low byte, plus 0x20 for full-width ASCII (`%uff01`–`%uff5e`).
 * An invalid `%u` keeps both characters; an invalid `%` keeps the `%`; `+` becomes a space.
 */
export function urlDecodeUni(value: string, unicodeMap: ReadonlyMap<number, number> | null = null): string {
  if (value.indexOf('%') === -1 && value.indexOf('+') === -1) return value;
  const n = value.length;
  const out = new Uint8Array(n);
  let changed = false;
  let i = 0;
  let j = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x25) {
      const c1 = i + 1 < n ? value.charCodeAt(i + 1) : 0;
      if ((c1 | 0x20) === 0x75) {
        if (i + 5 < n) {
          const h1 = value.charCodeAt(i + 2);
          const h2 = value.charCodeAt(i + 3);
          const h3 = value.charCodeAt(i + 4);
          const h4 = value.charCodeAt(i + 5);
          if (isHex(h1) && isHex(h2) && isHex(h3) && isHex(h4)) {
            const mapped = unicodeMap?.get(
              (hexValue(h1) << 12) | (hexValue(h2) << 8) | (hexValue(h3) << 4) | hexValue(h4),
            );
            let b: number;
            if (mapped !== undefined) {
              b = mapped & 0xff;
            } else {
              b = x2c(h3, h4);
              if (b > 0 && b < 0x5f && isF(h1) && isF(h2)) b += 0x20;
            }
            out[j++] = b;
            i += 6;
            changed = true;
            continue;
          }
        }
        // Invalid or truncated %u: keep "%u" and go on after it.
        out[j++] = c;
        out[j++] = c1;
        i += 2;
        continue;
      }
      if (i + 2 < n) {
        const c2 = value.charCodeAt(i + 2);
        if (isHex(c1) && isHex(c2)) {
          out[j++] = x2c(c1, c2);
          i += 3;
          changed = true;
          continue;
        }
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
  name: 'urlDecodeUni',
  create(env: TransformEnv) {
    const map = env.unicodeMap;
    return (value: string) => urlDecodeUni(value, map);
  },
} satisfies TransformationDefinition;
