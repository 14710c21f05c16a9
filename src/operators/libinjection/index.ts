/**
 * libinjection (SQLi and XSS detection) in TypeScript, giving the same answers as the C library
 * (libinjection/libinjection 85e252a, v3.10.0-83): the same verdict and SQLi fingerprint for
 * every input. Inputs are raw bytes: a Uint8Array, or a binary string (one char per byte).
 */
import { SqliState, isSqli } from './sqli.js';
import { isXss } from './xss.js';

const NON_BYTE = /[^\x00-\xff]/;

/** The input as a binary string. A string holding chars above 0xFF is not binary: take its UTF-8 bytes. */
function toBinary(input: string | Uint8Array): string {
  if (typeof input === 'string') {
    return NON_BYTE.test(input) ? Buffer.from(input, 'utf8').toString('latin1') : input;
  }
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
}

// One state reused across calls: detection is synchronous and never re-entered.
const sqliState = new SqliState();

/** libinjection_sqli(): whether the input is SQL injection, and its fingerprint ('' when not). */
export function detectSQLi(input: string | Uint8Array): { isInjection: boolean; fingerprint: string } {
  sqliState.init(toBinary(input), 0);
  const isInjection = isSqli(sqliState);
  return { isInjection, fingerprint: isInjection ? sqliState.fingerprint : '' };
}

/** libinjection_xss(): whether the input is cross-site scripting. */
export function detectXSS(input: string | Uint8Array): boolean {
  return isXss(toBinary(input));
}
