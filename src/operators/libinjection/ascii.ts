/** ASCII helpers shared by the SQLi and XSS ports (the C code only ever case-folds a-z). */

/**
 * `key` with a-z upper-cased, or null when it holds a byte >= 0x80. Every keyword and name
 * libinjection compares against is ASCII, so such a key can never match; rejecting it also keeps
 * JavaScript's Unicode upper-casing ('ÿ' -> 'Ÿ', 'ß' -> 'SS') out of the comparison.
 */
export function asciiUpper(key: string): string | null {
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) >= 0x80) return null;
  }
  return key.toUpperCase();
}

/** The byte with a-z upper-cased; -1 for bytes >= 0x80, which no table key holds. */
function foldByte(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c < 0x80 ? c : -1;
}

function fnv(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

const FNV_BASIS = 0x811c9dc5;

/**
 * Upper-case ASCII keys to small positive codes, looked up ASCII case-insensitively straight from
 * a range of the input (an open-addressing hash over case-folded bytes): no substring, no
 * upper-cased copy, no concatenation for two-word phrases.
 */
export class CaselessTable {
  private readonly mask: number;
  private readonly keys: string[];
  private readonly codes: Uint8Array;
  /** Cleared by hash() when it meets a byte >= 0x80 (then nothing can match). */
  private ok = true;

  constructor(entries: Iterable<readonly [string, string | number]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Array<string>(size).fill('');
    this.codes = new Uint8Array(size);
    for (const [key, value] of list) {
      let slot = this.hash(FNV_BASIS, key, 0, key.length) & this.mask;
      while (this.codes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.codes[slot] = typeof value === 'number' ? value : value.charCodeAt(0);
    }
  }

  private hash(h: number, s: string, start: number, len: number): number {
    for (let i = start; i < start + len; i++) {
      const c = foldByte(s.charCodeAt(i));
      if (c < 0) this.ok = false;
      h = fnv(h, c);
    }
    return h;
  }

  /** The code of s[start, start+len), case-insensitively, or 0. */
  get(s: string, start: number, len: number): number {
    this.ok = true;
    const h = this.hash(FNV_BASIS, s, start, len);
    if (!this.ok) return 0;
    for (let slot = h & this.mask; this.codes[slot] !== 0; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot]!;
      if (key.length === len && equalsFolded(key, 0, s, start, len)) return this.codes[slot]!;
    }
    return 0;
  }

  /** The code of the phrase `a + ' ' + b`, case-insensitively, or 0. */
  getPhrase(a: string, b: string): number {
    this.ok = true;
    const h = this.hash(fnv(this.hash(FNV_BASIS, a, 0, a.length), 0x20), b, 0, b.length);
    if (!this.ok) return 0;
    const len = a.length + 1 + b.length;
    for (let slot = h & this.mask; this.codes[slot] !== 0; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot]!;
      if (
        key.length === len &&
        key.charCodeAt(a.length) === 0x20 &&
        equalsFolded(key, 0, a, 0, a.length) &&
        equalsFolded(key, a.length + 1, b, 0, b.length)
      ) {
        return this.codes[slot]!;
      }
    }
    return 0;
  }
}

function equalsFolded(key: string, at: number, s: string, start: number, len: number): boolean {
  for (let i = 0; i < len; i++) {
    if (key.charCodeAt(at + i) !== foldByte(s.charCodeAt(start + i))) return false;
  }
  return true;
}
