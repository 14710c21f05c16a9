/**
 * Byte-level Aho–Corasick automaton for `@pm` / `@pmFromFile`, compiled to a complete DFA.
 *
 * Phrases and values are binary strings (one char per byte). Matching is case-insensitive for
 * ASCII letters only, as ModSecurity's acmp in the C locale. Bytes are mapped to equivalence
 * classes first (every byte that occurs in no phrase shares class 0, and an upper-case letter
 * shares its lower-case letter's class), so the transition table is states × classes, stored as
 * Uint16 when there are fewer than 65,536 states and Uint32 otherwise.
 */
export interface PhraseMatch {
  /** Index of the phrase in the list given to the constructor. */
  readonly phrase: number;
  /** Char offsets of the occurrence in the value. */
  readonly start: number;
  readonly end: number;
}

export const NO_PHRASES: readonly number[] = [];

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

export class AhoCorasick {
  private readonly classOf = new Uint8Array(256);
  private readonly classes: number;
  private readonly delta: Uint16Array | Uint32Array;
  /** Phrase index reported at each state (the longest phrase ending there), -1 for none. */
  private readonly output: Int32Array;
  /** Per phrase: the longest other phrase that is a suffix of it, -1 for none (see phrasesIn). */
  private readonly shorter: Int32Array;
  /** Per phrase: already listed by the running phrasesIn call. */
  private readonly listed: Uint8Array;

  constructor(private readonly phrases: readonly string[]) {
    let classes = 1;
    for (const p of phrases) {
      for (let i = 0; i < p.length; i++) {
        const b = lower(p.charCodeAt(i) & 0xff);
        if (this.classOf[b] === 0) this.classOf[b] = classes++;
      }
    }
    for (let b = 0x41; b <= 0x5a; b++) this.classOf[b] = this.classOf[b | 0x20]!;
    this.classes = classes;

    // Trie: goto edges in a flat table (0 = no edge; no trie edge leads back to the root).
    const maxStates = phrases.reduce((n, p) => n + p.length, 1);
    const table = new Int32Array(maxStates * classes);
    const terminal = new Int32Array(maxStates).fill(-1);
    let states = 1;
    phrases.forEach((p, index) => {
      if (p.length === 0) return; // an empty phrase would match everything: acmp ignores it too
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const slot = s * classes + this.classOf[p.charCodeAt(i) & 0xff]!;
        if (table[slot] === 0) table[slot] = states++;
        s = table[slot]!;
      }
      // A duplicate phrase keeps its first index.
      if (terminal[s] === -1) terminal[s] = index;
    });

    // Breadth-first: failure links, outputs, and the completed DFA transitions.
    const fail = new Int32Array(states);
    const output = new Int32Array(states).fill(-1);
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < classes; c++) {
      const t = table[c]!;
      if (t !== 0) queue[tail++] = t;
    }
    for (let i = 0; i < tail; i++) output[queue[i]!] = terminal[queue[i]!]!;
    while (head < tail) {
      const s = queue[head++]!;
      const f = fail[s]!;
      for (let c = 0; c < classes; c++) {
        const slot = s * classes + c;
        const t = table[slot]!;
        if (t === 0) {
          table[slot] = table[f * classes + c]!;
          continue;
        }
        const ft = table[f * classes + c]!;
        fail[t] = ft;
        output[t] = terminal[t]! >= 0 ? terminal[t]! : output[ft]!;
        queue[tail++] = t;
      }
    }

    this.shorter = new Int32Array(phrases.length).fill(-1);
    for (let t = 1; t < states; t++) if (terminal[t]! >= 0) this.shorter[terminal[t]!] = output[fail[t]!]!;
    this.listed = new Uint8Array(phrases.length);

    const size = states * classes;
    this.delta = states < 0x10000 ? new Uint16Array(size) : new Uint32Array(size);
    this.delta.set(table.subarray(0, size));
    this.output = output;
  }

  /** The first occurrence (earliest end, then longest phrase), or null. */
  search(value: string): PhraseMatch | null {
    const { classOf, classes, delta, output } = this;
    let s = 0;
    for (let i = 0; i < value.length; i++) {
      const b = value.charCodeAt(i);
      s = delta[s * classes + (b <= 0xff ? classOf[b]! : 0)]!;
      const hit = output[s]!;
      if (hit >= 0) return { phrase: hit, start: i + 1 - this.phrases[hit]!.length, end: i + 1 };
    }
    return null;
  }

  /** The first phrase found, as written in the phrase list, or null. */
  firstMatch(value: string): string | null {
    const m = this.search(value);
    return m === null ? null : this.phrases[m.phrase]!;
  }

  /**
   * The index of every phrase that occurs in the value, each once, in order of first end; the
   * shared NO_PHRASES when there is none.
   */
  phrasesIn(value: string): readonly number[] {
    const { classOf, classes, delta, output, shorter, listed } = this;
    let found: number[] | null = null;
    let s = 0;
    for (let i = 0; i < value.length; i++) {
      const b = value.charCodeAt(i);
      s = delta[s * classes + (b <= 0xff ? classOf[b]! : 0)]!;
      // every phrase ending here: the longest, then its phrase suffixes
      for (let p = output[s]!; p >= 0 && listed[p] === 0; p = shorter[p]!) {
        listed[p] = 1;
        (found ??= []).push(p);
      }
    }
    if (found === null) return NO_PHRASES;
    for (const p of found) listed[p] = 0;
    return found;
  }

  matches(value: string): boolean {
    const { classOf, classes, delta, output } = this;
    let s = 0;
    for (let i = 0; i < value.length; i++) {
      const b = value.charCodeAt(i);
      s = delta[s * classes + (b <= 0xff ? classOf[b]! : 0)]!;
      if (output[s]! >= 0) return true;
    }
    return false;
  }
}
