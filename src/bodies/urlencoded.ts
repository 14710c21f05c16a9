/**
 * application/x-www-form-urlencoded parsing with ModSecurity v2's rules
 * (apache2/msc_parsers.c parse_arguments + msc_util.c urldecode_nonstrict_inplace_ex).
 * Also used for QUERY_STRING -> ARGS_GET.
 */
import { decodePercentEscapes, invalidPercentEscapes } from '../transformations/percent.js';
import type { BodyProcessor, BodyResult } from './types.js';

/**
 * ModSecurity's non-strict URL decoding (`urldecode_nonstrict_inplace_ex`): `+` becomes a space,
 * `%XX` is decoded, an invalid or truncated `%` escape is kept as-is. Never throws.
 */
export function urlDecodeModsec(s: string): string {
  return decodePercentEscapes(s, null);
}

export interface UrlEncodedParse {
  args: Array<[string, string]>;
  /** Number of invalid `%` escapes seen in names and values (URLENCODED_ERROR when > 0). */
  invalid: number;
}

/**
 * Split like parse_arguments: parts are separated by `separator`; the name ends at the first
 * `=`; a part without `=` is a name with an empty value. Empty parts are NOT skipped: `a&&b`
 * yields ["a",""], ["",""], ["b",""] and a leading separator yields an empty argument, but a
 * trailing separator adds nothing (the loop ends right after it).
 */
export function parseUrlEncodedCounting(text: string, separator = '&'): UrlEncodedParse {
  const args: Array<[string, string]> = [];
  let invalid = 0;
  const n = text.length;
  if (n === 0) return { args, invalid };
  const sepChar = separator.charAt(0);
  const sep = sepChar.charCodeAt(0);
  // invalid escapes drive URLENCODED_ERROR
  const decode = (s: string): string => {
    invalid += invalidPercentEscapes(s);
    return decodePercentEscapes(s, null);
  };
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x3d /* = */ || c === sep) break;
      j++;
    }
    const name = decode(text.slice(i, j));
    if (j < n && text.charCodeAt(j) === sep) {
      args.push([name, '']);
      i = j + 1;
      continue;
    }
    // At '=' or at the end of input: the value runs to the next separator.
    let k = j + 1;
    if (k > n) k = n;
    const next = text.indexOf(sepChar, k);
    const e = next === -1 ? n : next;
    args.push([name, decode(text.slice(k, e))]);
    i = e + 1;
  }
  return { args, invalid };
}

/** [name, value] pairs of a URL-encoded string, ModSecurity v2 style. Never throws. */
export function parseUrlEncoded(text: string, separator = '&'): Array<[string, string]> {
  return parseUrlEncodedCounting(text, separator).args;
}

export const urlencodedProcessor: BodyProcessor = {
  name: 'URLENCODED',
  parse(body, _contentType, limits): BodyResult {
    const { args, invalid } = parseUrlEncodedCounting(body, limits.argumentSeparator || '&');
    return { args, error: null, urlencodedError: invalid > 0 };
  },
};
