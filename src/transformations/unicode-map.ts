/**
 * Reader for ModSecurity's `unicode.mapping` (SecUnicodeMapFile). The file lists code pages,
 * each a header line (`20127 (US-ASCII)`) followed by whitespace-separated `hhhh:hh` pairs
 * (code point : byte, both hex). Read the way ModSecurity v2's `unicode_map_create` does:
 * every whitespace-separated token whose leading decimal number equals the code page starts
 * the section; its `:` tokens are read; the first later token without `:` ends it.
 */

/** Mappings ModSecurity sets before reading the file (RFC 3490 §3.1 full stops). */
const PRESET: readonly [number, number][] = [
  [0x3002, 0x2e],
  [0xff61, 0x2e],
  [0xff0e, 0x2e],
  [0x002e, 0x2e],
];

/** C `atol`: the leading decimal number of a token (0 when there is none). */
function leadingDecimal(token: string): number {
  let i = 0;
  let sign = 1;
  if (token[0] === '+' || token[0] === '-') {
    sign = token[0] === '-' ? -1 : 1;
    i = 1;
  }
  let v = 0;
  for (; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
  }
  return sign * v;
}

/** C `sscanf("%x")`: the leading hex number (optional `0x`), or NaN when there is none. */
function leadingHex(text: string): number {
  const m = /^\s*(?:0[xX])?([0-9a-fA-F]+)/.exec(text);
  return m ? parseInt(m[1]!, 16) : NaN;
}

/**
 * Parses `unicode.mapping` text for `codePage`: Unicode code point -> byte. Includes
 * ModSecurity's preset full-stop mappings. Throws when the code page is not in the file.
 */
export function parseUnicodeMap(text: string, codePage: number): Map<number, number> {
  if (!Number.isInteger(codePage) || codePage <= 0) {
    throw new Error(`SecUnicodeMapFile: invalid code page ${codePage}`);
  }
  const map = new Map<number, number>(PRESET);
  let found = false;
  let processing = false;
  for (const token of text.split(/[ \t\n\r]+/)) {
    if (token === '') continue;
    if (leadingDecimal(token) === codePage) found = true;
    const colon = token.indexOf(':');
    if (found && colon !== -1) {
      processing = true;
      // apr_strtok(":") skips leading colons, then splits at the next one.
      const body = token.replace(/^:+/, '');
      const sep = body.indexOf(':');
      const code = leadingHex(sep === -1 ? body : body.slice(0, sep));
      const byte = leadingHex(sep === -1 ? '' : body.slice(sep + 1));
      if (code >= 0 && code <= 0xffff && byte >= 0) map.set(code, byte & 0xff);
    } else if (processing) {
      break;
    }
  }
  if (!found) throw new Error(`SecUnicodeMapFile: code page ${codePage} not found in the unicode map file`);
  return map;
}
