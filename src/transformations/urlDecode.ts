import { decodePercentEscapes } from './percent.js';
import type { TransformationDefinition } from './types.js';

/**
 * ModSecurity's `urldecode_nonstrict_inplace_ex`: `%XX` with two hex digits becomes a byte,
 * any other `%` is kept as is, and `+` becomes a space.
 */
export function urlDecode(value: string): string {
  return decodePercentEscapes(value, null);
}

export default {
  name: 'urlDecode',
  acts: /[%+]/,
  create: () => urlDecode,
} satisfies TransformationDefinition;
