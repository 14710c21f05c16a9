import type { Transaction } from '../engine/transaction.js';
import { urlDecodeModsec } from '../bodies/urlencoded.js';

/**
 * What the sanitise* actions asked to mask, resolved the way ModSecurity v2 does: argument and
 * header names compare case-insensitively, and sanitiseMatched maps the matched variable
 * (`ARGS:pwd`, `REQUEST_HEADERS:Authorization`, `RESPONSE_HEADERS:Set-Cookie`) to its kind.
 */
export interface SanitiseSet {
  /** lower-cased argument names */
  args: Set<string>;
  requestHeaders: Set<string>;
  responseHeaders: Set<string>;
  /** names for the trailer's Sanitised-* lines, as written, first spelling wins */
  argNames: string[];
  requestHeaderNames: string[];
  responseHeaderNames: string[];
}

const MATCHED_PREFIXES: Array<[string, 'arg' | 'requestHeader' | 'responseHeader']> = [
  ['ARGS:', 'arg'],
  ['ARGS_GET:', 'arg'],
  ['ARGS_POST:', 'arg'],
  ['REQUEST_HEADERS:', 'requestHeader'],
  ['RESPONSE_HEADERS:', 'responseHeader'],
];

function addName(set: Set<string>, list: string[], name: string): void {
  const lower = name.toLowerCase();
  if (set.has(lower)) return;
  set.add(lower);
  list.push(name);
}

export function resolveSanitise(tx: Transaction): SanitiseSet {
  const out: SanitiseSet = {
    args: new Set(), requestHeaders: new Set(), responseHeaders: new Set(),
    argNames: [], requestHeaderNames: [], responseHeaderNames: [],
  };
  const requestedArgs = new Set<string>();
  for (const s of tx.sanitised) {
    let what = s.what;
    let name = s.name;
    if (what === 'matched') {
      const hit = MATCHED_PREFIXES.find(([p]) => name.toUpperCase().startsWith(p));
      // v2 ignores other variables ("don't know how to handle variable")
      if (!hit) continue;
      what = hit[1];
      name = name.slice(hit[0].length);
    }
    if (what === 'arg') requestedArgs.add(name.toLowerCase());
    else if (what === 'requestHeader') addName(out.requestHeaders, out.requestHeaderNames, name);
    else if (what === 'responseHeader') addName(out.responseHeaders, out.responseHeaderNames, name);
  }
  // v2 records the arguments that exist under that name (Sanitised-Args lists their names).
  if (requestedArgs.size) {
    for (const a of tx.args()) if (requestedArgs.has(a.key.toLowerCase())) addName(out.args, out.argNames, a.key);
  }
  return out;
}

export function mask(value: string): string {
  return '*'.repeat(value.length);
}

/**
 * Masks the raw (still encoded) value of every selected argument in a URL-encoded string, with
 * as many `*` as the raw value has bytes, as v2 does by argument offset. Splits like the
 * URLENCODED processor: `name=value` pieces separated by `separator`.
 */
export function maskUrlEncoded(text: string, separator: string, names: ReadonlySet<string>): string {
  if (names.size === 0 || text.length === 0) return text;
  const sep = separator || '&';
  let out = '';
  let i = 0;
  while (i <= text.length) {
    let end = text.indexOf(sep, i);
    if (end < 0) end = text.length;
    const piece = text.slice(i, end);
    const eq = piece.indexOf('=');
    if (eq >= 0 && names.has(urlDecodeModsec(piece.slice(0, eq)).toLowerCase())) {
      out += piece.slice(0, eq + 1) + mask(piece.slice(eq + 1));
    } else {
      out += piece;
    }
    if (end < text.length) out += sep;
    i = end + 1;
  }
  return out;
}

/** Masks the query string of a URI or request line (the part after the first `?`). */
export function maskQuery(text: string, separator: string, names: ReadonlySet<string>): string {
  const q = text.indexOf('?');
  if (q < 0 || names.size === 0) return text;
  // A request line ends with " HTTP/x": keep that out of the query string.
  const space = text.indexOf(' ', q);
  const end = space < 0 ? text.length : space;
  return text.slice(0, q + 1) + maskUrlEncoded(text.slice(q + 1, end), separator, names) + text.slice(end);
}

/**
 * Masks selected argument values in a request body. URL-encoded bodies are masked by position;
 * for other bodies (multipart, JSON, XML) every occurrence of a selected value is masked, which
 * may mask more than v2 (which knows each value's offset) but never less.
 */
export function maskBody(tx: Transaction, body: string, set: SanitiseSet): string {
  if (set.args.size === 0 || body.length === 0) return body;
  if (tx.reqbodyProcessor === 'URLENCODED') return maskUrlEncoded(body, tx.waf.config.argumentSeparator, set.args);
  let out = body;
  for (const a of tx.argsPost) {
    if (a.value.length && set.args.has(a.key.toLowerCase())) out = out.split(a.value).join(mask(a.value));
  }
  return out;
}
