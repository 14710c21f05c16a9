/**
 * Small re-implementations of the Go library behaviour go-ftw and albedo rely on: url.QueryEscape,
 * the sprig `repeat` template, regexp syntax (for match_regex) and http.DetectContentType.
 * Inputs and outputs are binary strings (one char per byte) unless stated otherwise.
 */

/** Unicode string -> binary string of its UTF-8 bytes (Go strings are UTF-8 byte strings). */
export function utf8Binary(s: string): string {
  // Pure ASCII is its own UTF-8 form: skip the round trip for the common case.
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** Go url.QueryEscape: keep [A-Za-z0-9-_.~], space -> '+', every other byte -> %XX. */
export function queryEscape(bin: string): string {
  let out = '';
  for (let i = 0; i < bin.length; i++) {
    const c = bin.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x7e) {
      out += bin[i];
    } else if (c === 0x20) out += '+';
    else out += '%' + c.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * go-ftw's Go text/template + sprig pass over `data`. The CRS suite only uses
 * `{{ "s" | repeat N }}` (and the equivalent `{{ repeat N "s" }}`); anything else is left as is
 * and reported, so a test that needs more is visible rather than silently wrong.
 */
export function applyTemplate(s: string): { ok: boolean; value: string } {
  if (!s.includes('{{')) return { ok: true, value: s };
  let ok = true;
  const value = s.replace(/\{\{-?\s*(.*?)\s*-?\}\}/gs, (whole, expr: string) => {
    let m = /^"((?:[^"\\]|\\.)*)"\s*\|\s*repeat\s+(\d+)$/.exec(expr);
    if (m) return goStringLiteral(m[1]!).repeat(Number(m[2]));
    m = /^repeat\s+(\d+)\s+"((?:[^"\\]|\\.)*)"$/.exec(expr);
    if (m) return goStringLiteral(m[2]!).repeat(Number(m[1]));
    ok = false;
    return whole;
  });
  return { ok, value };
}

/** Body of a Go interpreted string literal; its common escapes coincide with JSON's. */
function goStringLiteral(body: string): string {
  return JSON.parse(`"${body}"`) as string;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

/**
 * Compile a Go (RE2 syntax) regexp as a JS RegExp for matching binary-string log lines.
 * Handles what differs in syntax between the two: leading `(?flags)`, `\A`, `\z`, `\Q..\E`,
 * `(?P<name>`, and `[[:class:]]`. Go's defaults (`.` excludes \n, `^`/`$` anchor the whole text)
 * are JS's defaults too.
 */
export function goRegExp(pattern: string): RegExp {
  let src = utf8Binary(pattern);
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1]!.includes('U')) throw new Error(`Go regexp flag U (ungreedy) is not supported: ${pattern}`);
    for (const f of 'ims') if (lead[1]!.includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length) {
      const n = src[i + 1]!;
      if (n === 'A') out += '^';
      else if (n === 'z') out += '$';
      else if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const lit = src.slice(i + 2, end === -1 ? src.length : end);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end === -1 ? src.length : end + 1;
        continue;
      } else out += ch + n;
      i++;
    } else if (ch === '(' && src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (ch === '[' && src[i + 1] === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      const cls = m ? POSIX_CLASSES[m[2]!] : undefined;
      if (m && cls !== undefined && m[1] === '') {
        out += cls;
        i += m[0].length - 1;
      } else out += ch;
    } else out += ch;
  }
  return new RegExp(out, flags);
}

const SNIFF_WS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const HTML_SIGS = ['<!DOCTYPE HTML', '<HTML', '<HEAD', '<SCRIPT', '<IFRAME', '<H1', '<DIV', '<FONT', '<TABLE', '<A', '<STYLE', '<TITLE', '<B', '<BODY', '<BR', '<P', '<!--'];
const EXACT_SIGS: Array<[string, string]> = [
  ['%PDF-', 'application/pdf'],
  ['%!PS-Adobe-', 'application/postscript'],
  ['\xfe\xff', 'text/plain; charset=utf-16be'],
  ['\xff\xfe', 'text/plain; charset=utf-16le'],
  ['\xef\xbb\xbf', 'text/plain; charset=utf-8'],
  ['GIF87a', 'image/gif'],
  ['GIF89a', 'image/gif'],
  ['\x89PNG\x0d\x0a\x1a\x0a', 'image/png'],
  ['\xff\xd8\xff', 'image/jpeg'],
  ['\x1f\x8b\x08', 'application/x-gzip'],
  ['PK\x03\x04', 'application/zip'],
];

/**
 * Go net/http.DetectContentType for the bodies albedo reflects: the HTML/XML signatures (after
 * leading whitespace, case-insensitive, tag-terminated), the common exact signatures, then the
 * text-vs-binary decision on the first 512 bytes.
 */
export function detectContentType(body: Uint8Array): string {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 512)).toString('latin1');
  let i = 0;
  while (i < head.length && SNIFF_WS.has(head.charCodeAt(i))) i++;
  const rest = head.slice(i);
  for (const sig of HTML_SIGS) {
    if (rest.length > sig.length && rest.slice(0, sig.length).toUpperCase() === sig && (rest[sig.length] === ' ' || rest[sig.length] === '>')) {
      return 'text/html; charset=utf-8';
    }
  }
  if (rest.startsWith('<?xml')) return 'text/xml; charset=utf-8';
  for (const [sig, type] of EXACT_SIGS) if (head.startsWith(sig)) return type;
  if (/[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/.test(head)) return 'application/octet-stream';
  return 'text/plain; charset=utf-8';
}
