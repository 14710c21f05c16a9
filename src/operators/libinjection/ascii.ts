/** ASCII helpers shared by the SQLi and XSS ports (the C code only ever case-folds a-z). */

/** Each byte with a-z upper-cased; bytes >= 0x80 become 0x100, which no (ASCII) table key holds. */
const FOLD = Uint16Array.from({ length: 256 }, (_, c) => (c >= 0x61 && c <= 0x7a ? c - 0x20 : c < 0x80 ? c : 0x100));

/** Start value of the running case-insensitive hash (FNV-1a over folded bytes). */
export const HASH_START = 0x811c9dc5 | 0; // as an int32, so V8 keeps the running hash an integer

/** The running hash with byte `c` added, so a caller scanning a word can hash it on the way. */
export function hashByte(h: number, c: number): number {
  return Math.imul(h ^ FOLD[c]!, 0x01000193);
}

function hashRange(h: number, s: string, start: number, len: number): number {
  for (let i = start; i < start + len; i++) h = hashByte(h, s.charCodeAt(i));
  return h;
}

/**
 * Upper-case ASCII keys to small positive codes, looked up ASCII case-insensitively straight from
 * a range of the input (an open-addressing hash over case-folded bytes): no substring, no
 * upper-cased copy, no concatenation for two-word phrases.
 */
export class CaselessTable {
  private readonly mask: number;
  private readonly keys: string[];
  private readonly codes: Uint8Array;
  /** Each slot's full hash: a probe compares it before touching the key string. */
  private readonly hashes: Int32Array;
  /** The longest key: a longer range (a 64 KB token, say) is not hashed at all. */
  private readonly maxLength: number;

  constructor(entries: Iterable<readonly [string, string | number]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Array<string>(size).fill('');
    this.codes = new Uint8Array(size);
    this.hashes = new Int32Array(size);
    this.maxLength = list.reduce((max, [key]) => Math.max(max, key.length), 0);
    for (const [key, value] of list) {
      const h = hashRange(HASH_START, key, 0, key.length);
      let slot = h & this.mask;
      while (this.codes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = h;
      this.keys[slot] = key;
      this.codes[slot] = typeof value === 'number' ? value : value.charCodeAt(0);
    }
  }

  /** The code of s[start, start+len), case-insensitively, or 0. */
  get(s: string, start: number, len: number): number {
    if (len > this.maxLength) return 0;
    return this.getHashed(hashRange(HASH_START, s, start, len), s, start, len);
  }

  /** get() with `h`, the hash of s[start, start+len) computed by the caller with hashByte(). */
  getHashed(h: number, s: string, start: number, len: number): number {
    for (let slot = h & this.mask; this.codes[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.hashes[slot] !== h) continue;
      const key = this.keys[slot]!;
      if (key.length === len && equalsFolded(key, 0, s, start, len)) return this.codes[slot]!;
    }
    return 0;
  }

  /** The code of the phrase `a + ' ' + b` (two ranges of strings), case-insensitively, or 0. */
  getPhrase(a: string, aStart: number, aLen: number, b: string, bStart: number, bLen: number): number {
    if (aLen + 1 + bLen > this.maxLength) return 0;
    const h = hashRange(hashByte(hashRange(HASH_START, a, aStart, aLen), 0x20), b, bStart, bLen);
    const len = aLen + 1 + bLen;
    for (let slot = h & this.mask; this.codes[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.hashes[slot] !== h) continue;
      const key = this.keys[slot]!;
      if (
        key.length === len &&
        key.charCodeAt(aLen) === 0x20 &&
        equalsFolded(key, 0, a, aStart, aLen) &&
        equalsFolded(key, aLen + 1, b, bStart, bLen)
      ) {
        return this.codes[slot]!;
      }
    }
    return 0;
  }
}

function equalsFolded(key: string, at: number, s: string, start: number, len: number): boolean {
  for (let i = 0; i < len; i++) {
    if (key.charCodeAt(at + i) !== FOLD[s.charCodeAt(start + i)]) return false;
  }
  return true;
}
