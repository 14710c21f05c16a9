import { decodeCEscapes, type CEscapeDialect } from './backslash.js';
import type { TransformationDefinition } from './types.js';

const ANSI_C: CEscapeDialect = { unicode: false, upperX: true, octalFitsByte: false };

/**
 * ModSecurity's `ansi_c_sequences_decode_inplace`: `\a \b \f \n \r \t \v \\ \? \' \"`,
 * `\xHH` or `\XHH` (exactly two hex digits) and `\O`..`\OOO` octal (value taken modulo 256).
 * Any other backslash pair keeps only the second character; a trailing backslash is kept.
 */
export function escapeSeqDecode(value: string): string {
  return decodeCEscapes(value, ANSI_C);
}

export default {
  name: 'escapeSeqDecode',
  acts: /[\\]/,
  create: () => escapeSeqDecode,
} satisfies TransformationDefinition;
