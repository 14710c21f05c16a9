import { fullWidthAsciiByte, hexValue, isHex } from './bytes.js';
import { decodePercentEscapes, type PercentUDecoder } from './percent.js';
import type { TransformationDefinition, TransformEnv } from './types.js';

/** `%uHHHH`: the byte `unicodeMap` maps the code point to, else its full-width-aware low byte. */
function percentUDecoder(unicodeMap: ReadonlyMap<number, number> | null): PercentUDecoder {
  return (value, i) => {
    if (i + 5 >= value.length) return -1;
    const h1 = value.charCodeAt(i + 2);
    const h2 = value.charCodeAt(i + 3);
    const h3 = value.charCodeAt(i + 4);
    const h4 = value.charCodeAt(i + 5);
    if (!(isHex(h1) && isHex(h2) && isHex(h3) && isHex(h4))) return -1;
    const mapped = unicodeMap?.get((hexValue(h1) << 12) | (hexValue(h2) << 8) | (hexValue(h3) << 4) | hexValue(h4));
    return mapped !== undefined ? mapped & 0xff : fullWidthAsciiByte(h1, h2, h3, h4);
  };
}

const WITHOUT_MAP = percentUDecoder(null);

/**
 * ModSecurity's `urldecode_uni_nonstrict_inplace_ex`: urlDecode plus IIS-style `%uXXXX`.
 * A `%uXXXX` code point found in the unicode map (SecUnicodeMapFile) becomes the mapped byte;
 * otherwise it becomes its low byte, plus 0x20 for full-width ASCII (`%uff01`–`%uff5e`).
 * An invalid `%u` keeps both characters; an invalid `%` keeps the `%`; `+` becomes a space.
 */
export function urlDecodeUni(value: string, unicodeMap: ReadonlyMap<number, number> | null = null): string {
  return decodePercentEscapes(value, unicodeMap === null ? WITHOUT_MAP : percentUDecoder(unicodeMap));
}

export default {
  name: 'urlDecodeUni',
  acts: /[%+]/,
  create(env: TransformEnv) {
    const decodeU = env.unicodeMap === null ? WITHOUT_MAP : percentUDecoder(env.unicodeMap);
    return (value: string) => decodePercentEscapes(value, decodeU);
  },
} satisfies TransformationDefinition;
