import { decodeCEscapes, type CEscapeDialect } from './backslash.js';
import type { TransformationDefinition } from './types.js';

const JS: CEscapeDialect = { unicode: true, upperX: false, octalFitsByte: true };

/**
 * ModSecurity's `js_decode_nonstrict_inplace`: `\uHHHH` keeps only the low byte (plus 0x20
 * for full-width ASCII `\uff01`–`\uff5e`), `\xHH`, octal `\OOO` (at most one byte: a
 * three-digit escape starting above 3 uses two digits), the C letter escapes, and `\C` -> `C`
 * for anything else (including an invalid `\u` or `\x`). A trailing backslash is kept.
 */
export function jsDecode(value: string): string {
  return decodeCEscapes(value, JS);
}

export default {
  name: 'jsDecode',
  acts: /[\\]/,
  create: () => jsDecode,
} satisfies TransformationDefinition;
