import type { OperatorDefinition } from './types.js';

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** True when every `%` is followed by two hex digits. */
export function isValidUrlEncoding(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) !== 0x25) continue;
    if (i + 2 >= value.length) return false;
    if (!isHex(value.charCodeAt(i + 1)) || !isHex(value.charCodeAt(i + 2))) return false;
    i += 2;
  }
  return true;
}

/** @validateUrlEncoding: matches an invalid %-encoding (truncated or non-hex). */
export default {
  name: 'validateUrlEncoding',
  create: () => ({ evaluate: (value) => !isValidUrlEncoding(value) }),
} satisfies OperatorDefinition;
