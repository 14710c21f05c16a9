import { bytesToString, runEnd, valueBytes } from './bytes.js';
import type { TransformationDefinition } from './types.js';

const OTHER = 0;
const DELETED = 1;
const SPACE = 2;
/** DELETED and SPACE bytes (NUL is OTHER: it ends the value). */
const KIND = new Uint8Array(256);
for (const c of '"\'\\^') KIND[c.charCodeAt(0)] = DELETED;
for (const c of ' ,;\t\r\n') KIND[c.charCodeAt(0)] = SPACE;
/** Runs of deleted bytes, and of spaces then deleted bytes or spaces, which long values may hold. */
const DELETED_RUN = /["'\\^]*/y;
const SPACE_RUN = /[\t\n\r ,;"'\\^]*/y;

/**
 * Bytes the loop acts on (and chars beyond a byte, which binary strings do not hold: the loop reads
 * their low byte); the value up to the first one comes out as is.
 */
const ACTS = /[\0\t\n\r "',;A-Z\\^\u0100-\uffff]/;
/**
 * What makes the loop change a value: a byte it deletes, turns into a space or lower-cases, or a
 * space it merges or drops (followed by a space, `/` or `(`). Prose with single spaces acts on
 * nothing of it, and is returned as it is without the pass (a regex search is several times faster).
 */
const CHANGES = /[\0\t\n\r"',;A-Z\\^\u0100-\uffff]| [ /(]/;

/**
 * ModSecurity's `cmdline`: deletes `"`, `'`, `\` and `^`; turns each run of space, comma,
 * semicolon, tab, CR and LF into one space; drops a space before `/` or `(`; lower-cases the
 * rest (ASCII). v2 walks a NUL-terminated string, so the value ends at its first NUL byte.
 */
export function cmdLine(value: string): string {
  // (a value with a change has an acting byte: the search below finds the first)
  if (!CHANGES.test(value)) return value;
  let i = value.search(ACTS);
  const n = value.length;
  // in place: it writes no more than it has read
  const out = valueBytes(value);
  let j = i;
  let space = false;
  for (; i < n; i++) {
    const c = out[i]!;
    if (c === 0) break;
    switch (c) {
      case 0x22: // "
      case 0x27: // '
      case 0x5c: // \
      case 0x5e: // ^
        if (i + 1 < n && KIND[out[i + 1]!] === DELETED) i = runEnd(DELETED_RUN, value, i) - 1;
        break;
      case 0x20:
      case 0x2c: // ,
      case 0x3b: // ;
      case 0x09:
      case 0x0d:
      case 0x0a:
        if (!space) {
          out[j++] = 0x20;
          space = true;
        }
        // what follows up to the next other byte changes nothing more
        if (i + 1 < n && KIND[out[i + 1]!] !== OTHER) i = runEnd(SPACE_RUN, value, i) - 1;
        break;
      case 0x2f: // /
      case 0x28: // (
        if (space) j--;
        space = false;
        out[j++] = c;
        break;
      default:
        out[j++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
        space = false;
    }
  }
  const result = bytesToString(out, j);
  return result === value ? value : result;
}

export default {
  name: 'cmdLine',
  // "/" and "(" act only after a space
  acts: /[\0\t\n\r "',;A-Z\\^]/,
  create: () => cmdLine,
} satisfies TransformationDefinition;
