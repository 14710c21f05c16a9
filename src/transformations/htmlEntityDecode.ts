import { bytesToString, copyChars, outputBuffer, isAlnum, isDigit, isHex } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/** The named entities ModSecurity knows (matched case-insensitively). */
const NAMED: ReadonlyMap<string, number> = new Map([
  ['quot', 0x22],
  ['amp', 0x26],
  ['lt', 0x3c],
  ['gt', 0x3e],
  ['nbsp', 0xa0],
]);

/** 2^63 - 1: C `strtol` saturates there on overflow, and the cast keeps the low byte. */
const LONG_MAX = (1n << 63n) - 1n;

/** Low byte of `(unsigned char)strtol(digits, NULL, radix)`. */
function entityByte(digits: string, radix: 10 | 16): number {
  // Below 2^53 a double is exact; longer digit runs go through BigInt to saturate like strtol.
  if (digits.length <= (radix === 10 ? 15 : 13)) return parseInt(digits, radix) & 0xff;
  const big = BigInt(radix === 10 ? digits : '0x' + digits);
  return Number((big > LONG_MAX ? LONG_MAX : big) & 0xffn);
}

/**
 * ModSecurity's `html_entities_decode_inplace`: `&#DDD;`, `&#xHHH;` (one byte, value modulo
 * 256) and `&quot; &amp; &lt; &gt; &nbsp;`; the `;` is optional. Anything else is kept.
 */
export function htmlEntityDecode(value: string): string {
  const n = value.length;
  let amp = value.indexOf('&');
  if (amp === -1) return value;
  const out = outputBuffer(n);
  let j = 0;
  let i = 0;
  const copy = (end: number) => {
    j = copyChars(out, j, value, i, end);
    i = end;
  };
  const finish = (b: number, end: number) => {
    out[j++] = b;
    i = end < n && value.charCodeAt(end) === 0x3b ? end + 1 : end;
  };
  while (amp !== -1) {
    copy(amp);
    let k = amp + 1;
    if (k >= n) break;
    if (value.charCodeAt(k) === 0x23) {
      k++;
      const hex = k < n && (value.charCodeAt(k) | 0x20) === 0x78;
      if (hex) k++;
      let end = k;
      while (end < n && (hex ? isHex(value.charCodeAt(end)) : isDigit(value.charCodeAt(end)))) end++;
      if (end > k) finish(entityByte(value.slice(k, end), hex ? 16 : 10), end);
      else copy(k); // "&#" or "&#x" without digits is kept
    } else {
      let end = k;
      while (end < n && isAlnum(value.charCodeAt(end))) end++;
      const named = end > k ? NAMED.get(value.slice(k, end).toLowerCase()) : undefined;
      if (named !== undefined) finish(named, end);
      else copy(end > k ? end : k);
    }
    amp = value.indexOf('&', i);
  }
  copy(n);
  return j === n ? value : bytesToString(out, j);
}

export default {
  name: 'htmlEntityDecode',
  acts: /[&]/,
  create: () => htmlEntityDecode,
} satisfies TransformationDefinition;
