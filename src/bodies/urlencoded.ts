/**
 * application/x-www-form-urlencoded parsing with ModSecurity v2's rules
 * (apache2/msc_parsers.c parse_arguments + msc_util.c urldecode_nonstrict_inplace_ex).
 * Also used for QUERY_STRING -> ARGS_GET.
 */
import { bytesToString, bytesWithPrefix, hexValue } from '../transformations/bytes.js';
import type { BodyProcessor, BodyResult } from './types.js';

const PLUS_OR_PERCENT = /[+%]/;

/** Result of a non-strict URL decode: the text and how many `%` escapes were invalid. */
export interface UrlDecoded {
  text: string;
  invalid: number;
}

/**
 * ModSecurity's non-strict URL decoding: `+` becomes a space, `%XX` is decoded, an invalid or
 * truncated `%` escape is kept as-is and counted (the count drives URLENCODED_ERROR).
 */
export function urlDecodeModsecCounting(s: string): UrlDecoded {
  let i = s.search(PLUS_OR_PERCENT);
  if (i === -1) return { text: s, invalid: 0 };
  const n = s.length;
  const out = bytesWithPrefix(s, i, n);
  let j = i;
  let invalid = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b /* + */) {
      out[j++] = 0x20;
      continue;
    }
    if (c === 0x25 /* % */) {
      if (i + 2 < n) {
        const hi = hexValue(s.charCodeAt(i + 1));
        const lo = hexValue(s.charCodeAt(i + 2));
        if (hi >= 0 && lo >= 0) {
          out[j++] = (hi << 4) | lo;
          i += 2;
          continue;
        }
      }
      invalid++;
    }
    out[j++] = c;
  }
  return { text: bytesToString(out, j), invalid };
}

/** ModSecurity's non-strict URL decoding (see urlDecodeModsecCounting); never throws. */
export function urlDecodeModsec(s: string): string {
  return urlDecodeModsecCounting(s).text;
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
  const decode = (s: string): string => {
    const d = urlDecodeModsecCounting(s);
    invalid += d.invalid;
    return d.text;
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
