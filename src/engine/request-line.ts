import type { Entry } from '../variables/types.js';

export interface ParsedUri {
  /** REQUEST_URI: path and query, without scheme and host when the target is in absolute form */
  requestUri: string;
  /** REQUEST_FILENAME: the path, percent-decoded as the web server hands it to ModSecurity */
  path: string;
  /** REQUEST_BASENAME: the last segment of the decoded path */
  basename: string;
  /** QUERY_STRING, null when the target has no `?` */
  queryString: string | null;
}

/** Splits a request target the way ModSecurity v2 sees Apache's parsed URI. */
export function parseRequestTarget(target: string): ParsedUri {
  let requestUri = target;
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (scheme) requestUri = target.slice(scheme[0].length) || '/';
  const hash = requestUri.indexOf('#');
  const withoutFragment = hash >= 0 ? requestUri.slice(0, hash) : requestUri;
  const q = withoutFragment.indexOf('?');
  const path = percentDecode(q >= 0 ? withoutFragment.slice(0, q) : withoutFragment);
  const queryString = q >= 0 ? withoutFragment.slice(q + 1) : null;
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { requestUri, path, basename: path.slice(slash + 1), queryString };
}

const hexValue = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/** `%XX` decoding of a path (no `+` to space); an invalid escape stays as written. */
export function percentDecode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out += String.fromCharCode(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

/**
 * Parses Cookie header values into REQUEST_COOKIES. Version 0 (Netscape) cookies split on `;`,
 * names are trimmed of leading whitespace, a cookie without `=` has an empty value; version 1
 * also honours quoted values and `,` separators.
 */
export function parseCookies(headers: readonly string[], format: 0 | 1): Entry[] {
  const out: Entry[] = [];
  for (const header of headers) {
    for (const part of splitCookieHeader(header, format)) {
      const trimmed = part.replace(/^[ \t]+/, '');
      if (trimmed === '') continue;
      const eq = trimmed.indexOf('=');
      const key = (eq < 0 ? trimmed : trimmed.slice(0, eq)).replace(/[ \t]+$/, '');
      let value = eq < 0 ? '' : trimmed.slice(eq + 1);
      if (format === 1 && value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (key === '' && value === '') continue;
      out.push({ key, value });
    }
  }
  return out;
}

function splitCookieHeader(header: string, format: 0 | 1): string[] {
  if (format === 0) return header.split(';');
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === ',')) {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts;
}
