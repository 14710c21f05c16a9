import { bytesToString, bytesWithPrefix } from './bytes.js';

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const DOT = 0x2e;

/**
 * ModSecurity v2's `normalize_path_inplace`, ported step for step (its quirks are what the
 * rules were tuned against): collapses `//`, removes `./` segments and resolves `../` against
 * the previous segment without climbing above the root. A relative path keeps the `..`
 * segments it cannot resolve, loses a leading `./`, and keeps a trailing slash only if the
 * input had one. With `win`, backslashes are first turned into forward slashes.
 */
export function normalisePath(value: string, win: boolean): string {
  const n = value.length;
  if (n === 0) return value;
  const backslash = win && value.indexOf('\\') !== -1;
  const unchanged = backslash || value.indexOf('/') !== -1
    ? !backslash && value.indexOf('.') === -1 && value.indexOf('//') === -1
    : value.charCodeAt(n - 1) !== DOT; // without separators, only a final dot acts (as a segment)
  if (unchanged) return value;
  const b = bytesWithPrefix(value, n, n);
  const isSep = (c: number) => c === SLASH || (win && c === BACKSLASH);
  const end = n - 1;
  const relative = !isSep(b[0]);
  const trailing = isSep(b[end]);
  let src = 0;
  let dst = 0;
  let hitRoot = false;
  let done = false;

  while (!done && src <= end && dst <= end) {
    if (win) {
      if (b[src] === BACKSLASH) b[src] = SLASH;
      if (src < end && b[src + 1] === BACKSLASH) b[src + 1] = SLASH;
    }

    // Decide whether this byte ends a path segment that needs normalising.
    let normalise = true;
    if (src === end) done = true;
    else if (b[src + 1] !== SLASH) normalise = false;

    let skipCopy = false;
    if (normalise && !(src !== end && b[src] === SLASH) && b[src] === DOT) {
      if (dst > 0 && b[dst - 1] === DOT) {
        // Back-reference: drop it and the previous segment, unless nothing is left to drop.
        if (relative && (hitRoot || dst - 2 <= 0)) {
          hitRoot = true;
        } else {
          dst -= 3;
          while (dst > 0 && b[dst] !== SLASH) dst--;
          if (dst <= 0) {
            hitRoot = true;
            dst = 0;
            // An absolute path that ends on a back-reference keeps its root slash.
            if (!relative && src === end) dst++;
          }
          if (done) skipCopy = true;
          else src++;
        }
      } else if (dst === 0) {
        // Relative self-reference at the start: ignore it.
        if (done) skipCopy = true;
        else src++;
      } else if (b[dst - 1] === SLASH) {
        // Self-reference: ignore it.
        if (done) skipCopy = true;
        else {
          dst--;
          src++;
        }
      }
    } else if (normalise && !(src !== end && b[src] === SLASH) && dst > 0) {
      hitRoot = false; // a regular segment
    }

    if (skipCopy) continue;

    if (b[src] === SLASH) {
      // Collapse a run of separators onto its last one.
      while (src < end && isSep(b[src + 1])) src++;
      // A relative path never starts with a slash.
      if (relative && dst === 0) {
        src++;
        continue;
      }
    }
    b[dst++] = b[src++];
  }

  // No trailing slash unless the input had one.
  if (!trailing && dst > 0 && b[dst - 1] === SLASH) dst--;
  const result = bytesToString(b, dst);
  return result === value ? value : result;
}
