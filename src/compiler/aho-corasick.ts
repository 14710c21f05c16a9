import { byteClass } from '../transformations/bytes.js';

/**
 * Byte-level Aho–Corasick automaton for `@pm` / `@pmFromFile`, compiled to a complete DFA.
 *
 * Phrases and values are binary strings (one char per byte). Matching is case-insensitive for
 * ASCII letters only, as ModSecurity's acmp in the C locale. Bytes are mapped to equivalence
 * classes first (every byte that occurs in no phrase shares class 0, and an upper-case letter
 * shares its lower-case letter's class), so the transition table is states × classes. For the
 * scan, states are renumbered so that those reporting a phrase come last (one comparison tells a
 * hit); each entry holds its target state, in a Uint16Array when there are at most 65536 states
 * and a Uint32Array otherwise.
 */
export interface PhraseMatch {
  /** Index of the phrase in the list given to the constructor. */
  readonly phrase: number;
  /** Char offsets of the occurrence in the value. */
  readonly start: number;
  readonly end: number;
}

/** phrasesIn's answer when no phrase occurs (callers test identity). */
export const NO_PHRASES: readonly number[] = [];

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

export class AhoCorasick {
  private readonly classOf = new Uint8Array(256);
  private readonly classes: number;
  /** The next state, by state × classes plus the byte's class. */
  private readonly delta: Uint16Array | Uint32Array;
  /** States from here on report a phrase. */
  private readonly firstHit: number;
  /** Phrase index reported by each state (the longest phrase ending there). */
  private readonly output: Int32Array;
  /**
   * Bytes that lead out of the root state, or null when none does. A run of bytes that keeps the
   * automaton at the root is skipped with this native scan (see IDLE_RUN).
   */
  private readonly leavesRoot: RegExp | null;
  /** Per phrase: the longest other phrase that is a suffix of it, -1 for none (see phrasesIn). */
  private readonly shorter: Int32Array;
  /** Per phrase: already listed by the running phrasesIn call. */
  private readonly listed: Uint8Array;
  /** The phrases the running phrasesIn call has listed, null while none. */
  private listing: number[] | null = null;
  /** Per state: the length of the text it stands for (its depth in the trie), for the two-lane scan. */
  private readonly depth: Uint16Array | Int32Array;

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
    const depth = new Int32Array(states);
    const output = new Int32Array(states).fill(-1);
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < classes; c++) {
      const t = table[c]!;
      if (t !== 0) queue[tail++] = t;
    }
    for (let i = 0; i < tail; i++) {
      output[queue[i]!] = terminal[queue[i]!]!;
      depth[queue[i]!] = 1;
    }
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
        depth[t] = depth[s]! + 1;
        output[t] = terminal[t]! >= 0 ? terminal[t]! : output[ft]!;
        queue[tail++] = t;
      }
    }

    this.shorter = new Int32Array(phrases.length).fill(-1);
    for (let t = 1; t < states; t++) if (terminal[t]! >= 0) this.shorter[terminal[t]!] = output[fail[t]!]!;
    this.listed = new Uint8Array(phrases.length);

    // Renumber: states without output first (the root stays 0, as it never reports), then the rest;
    // each part breadth-first, so that the shallow states a scan mostly visits have neighbouring
    // rows (in the order of the trie, CRS's shared scan spread them over its 8 MiB of table).
    const order = new Int32Array(states);
    let next = 1;
    for (let i = 0; i < tail; i++) if (output[queue[i]!]! < 0) order[queue[i]!] = next++;
    const firstHit = next;
    for (let i = 0; i < tail; i++) if (output[queue[i]!]! >= 0) order[queue[i]!] = next++;
    const size = states * classes;
    // state numbers rather than row offsets (state × classes), so that 2 bytes an entry do up to
    // 65536 states: CRS's shared scan has ~59,000 states of 75 classes, 8 MiB where offsets took 17
    const delta = states <= 0x10000 ? new Uint16Array(size) : new Uint32Array(size);
    const reported = new Int32Array(states);
    const longest = phrases.reduce((n, p) => Math.max(n, p.length), 0);
    this.depth = longest <= 0xffff ? new Uint16Array(states) : new Int32Array(states);
    for (let st = 0; st < states; st++) {
      const row = order[st]! * classes;
      reported[order[st]!] = output[st]!;
      this.depth[order[st]!] = depth[st]!;
      for (let c = 0; c < classes; c++) delta[row + c] = order[table[st * classes + c]!]!;
    }
    this.delta = delta;
    this.firstHit = firstHit;
    this.output = reported;
    this.leavesRoot = byteClass((b) => delta[this.classOf[b]!] !== 0, false, 'g');
  }

  /**
   * The scan of a long value resumes where the one before (see RESUME_MIN) left off: its text,
   * and the state after each of its first `resumeBlocks` blocks of BLOCK chars. Consecutive values
   * often share a long prefix: ARGS_NAMES of a nested JSON body (`a.b.c.id`, `a.b.c.name`).
   */
  private resumeValue = '';
  private readonly resumeStates = new Int32Array(RESUME_MAX / BLOCK);
  private resumeBlocks = 0;
  /** The same for phrasesIn, with the number of phrases found in each block and before. */
  private phrasesValue = '';
  private readonly phrasesStates = new Int32Array(RESUME_MAX / BLOCK);
  private readonly phrasesFoundAt = new Int32Array(RESUME_MAX / BLOCK);
  private phrasesBlocks = 0;
  private phrasesFound: readonly number[] = NO_PHRASES;
  /** What the last run() found: the phrase of a hit, or the state and index it stopped at. */
  private found = -1;
  private state = 0;
  private reached = 0;

  /**
   * Runs the automaton over value[from, to) from state `s`. Returns the end of the first occurrence
   * (earliest end; `found` is the longest phrase ending there), or -1 with the state reached in
   * `state` and the index in `reached`: `to`, or further when a run at the root was skipped.
   */
  private run(value: string, from: number, to: number, s: number): number {
    const { classOf, classes, delta, firstHit } = this;
    let idle = 0;
    let i = from;
    for (; i < to; i++) {
      const b = value.charCodeAt(i);
      s = delta[s * classes + (b <= 0xff ? classOf[b]! : 0)]!;
      if (s >= firstHit) {
        this.found = this.output[s]!;
        return i + 1;
      }
      if (s !== 0) {
        idle = 0;
      } else if (++idle === IDLE_RUN) {
        idle = 0;
        const at = this.skipIdle(value, i + 1);
        i = (at === -1 ? value.length : at) - 1;
      }
    }
    this.state = s;
    this.reached = i;
    return -1;
  }

  /** run() over a value that may share a prefix with the one scanned before, remembering this one. */
  private runResuming(value: string): number {
    const n = value.length;
    const shared = sharedBlocks(value, this.resumeValue, this.resumeBlocks);
    this.resumeValue = value;
    this.resumeBlocks = shared;
    let s = shared > 0 ? this.resumeStates[shared - 1]! : 0;
    let i = shared * BLOCK;
    while (i < n) {
      const end = this.run(value, i, Math.min(n, i - (i % BLOCK) + BLOCK), s);
      if (end !== -1) return end;
      s = this.state;
      i = this.reached;
      // a block end passed by a skip is at the root, as `s` then is
      while ((this.resumeBlocks + 1) * BLOCK <= i) this.resumeStates[this.resumeBlocks++] = s;
    }
    return -1;
  }

  /** End of the first occurrence (see run), or -1. */
  private scan(value: string): number {
    const n = value.length;
    return n >= RESUME_MIN && n <= RESUME_MAX ? this.runResuming(value) : this.run(value, 0, n, 0);
  }

  /**
   * Index of the next byte at or after `from` that leads out of the root state, or -1. The scan
   * calls it after IDLE_RUN bytes in a row that left the automaton at the root.
   */
  private skipIdle(value: string, from: number): number {
    const re = this.leavesRoot;
    if (re === null) return -1;
    re.lastIndex = from;
    return re.test(value) ? re.lastIndex - 1 : -1;
  }

  /** The first occurrence (earliest end, then longest phrase), or null. */
  search(value: string): PhraseMatch | null {
    const end = this.scan(value);
    if (end === -1) return null;
    return { phrase: this.found, start: end - this.phrases[this.found]!.length, end };
  }

  /** The first phrase found, as written in the phrase list, or null. */
  firstMatch(value: string): string | null {
    const m = this.search(value);
    return m === null ? null : this.phrases[m.phrase]!;
  }

  /**
   * The index of every phrase that occurs in the value, each once; the shared NO_PHRASES when there
   * is none. A value of a length kept for resuming goes on after the blocks it shares with the one
   * before (as matches() does), from the state and the phrases found up to there; any other of
   * LANES_MIN chars or more is scanned in two lanes (phrasesInLanes).
   */
  phrasesIn(value: string): readonly number[] {
    const n = value.length;
    const resumable = n >= RESUME_MIN && n <= RESUME_MAX;
    if (!resumable && n >= LANES_MIN) return this.phrasesInLanes(value);
    const { classOf, classes, delta, firstHit } = this;
    let s = 0;
    let i = 0;
    let blocks = 0;
    if (resumable) {
      blocks = sharedBlocks(value, this.phrasesValue, this.phrasesBlocks);
      if (blocks > 0) {
        s = this.phrasesStates[blocks - 1]!;
        i = blocks * BLOCK;
        const known = this.phrasesFoundAt[blocks - 1]!;
        if (known > 0) {
          this.listing = this.phrasesFound.slice(0, known);
          for (const p of this.listing) this.listed[p] = 1;
        }
      }
    }
    // where the state and the phrases found so far are next kept (never, for a value not kept)
    let boundary = resumable ? (blocks + 1) * BLOCK : n + 1;
    for (; i < n; i++) {
      const b = value.charCodeAt(i);
      const next = delta[s * classes + (b <= 0xff ? classOf[b]! : 0)]!;
      if (next === s) i = runEnd(b, value, i);
      else if ((s = next) >= firstHit) this.list(s);
      while (i + 1 >= boundary) {
        this.phrasesStates[blocks] = s;
        this.phrasesFoundAt[blocks++] = this.listing === null ? 0 : this.listing.length;
        boundary += BLOCK;
      }
    }
    if (resumable) {
      this.phrasesValue = value;
      this.phrasesBlocks = blocks;
      this.phrasesFound = this.listing ?? NO_PHRASES;
    }
    return this.takeListing();
  }

  /**
   * phrasesIn in two lanes at once, over the value's first half and its second: each step waits on
   * a load from the table, and the two lanes' loads overlap (1.2–1.4 times the bytes a second of
   * one lane on prose). The second lane starts at the root in the middle, so it finds every
   * occurrence that starts there or later; the first goes on past the middle until no phrase it is
   * inside of started before it (its state's depth is at most the chars since the middle).
   */
  private phrasesInLanes(value: string): readonly number[] {
    const { classOf, classes, delta, firstHit, depth } = this;
    const n = value.length;
    const mid = n >> 1;
    let a = 0;
    let sa = 0;
    let b = mid;
    let sb = 0;
    for (; a < mid && b < n; a++, b++) {
      const ca = value.charCodeAt(a);
      const cb = value.charCodeAt(b);
      const na = delta[sa * classes + (ca <= 0xff ? classOf[ca]! : 0)]!;
      const nb = delta[sb * classes + (cb <= 0xff ? classOf[cb]! : 0)]!;
      if (na === sa) a = runEnd(ca, value, a);
      else if ((sa = na) >= firstHit) this.list(sa);
      if (nb === sb) b = runEnd(cb, value, b);
      else if ((sb = nb) >= firstHit) this.list(sb);
    }
    for (; a < n && (a < mid || depth[sa]! > a - mid); a++) {
      const ca = value.charCodeAt(a);
      const na = delta[sa * classes + (ca <= 0xff ? classOf[ca]! : 0)]!;
      if (na === sa) a = runEnd(ca, value, a);
      else if ((sa = na) >= firstHit) this.list(sa);
    }
    for (; b < n; b++) {
      const cb = value.charCodeAt(b);
      const nb = delta[sb * classes + (cb <= 0xff ? classOf[cb]! : 0)]!;
      if (nb === sb) b = runEnd(cb, value, b);
      else if ((sb = nb) >= firstHit) this.list(sb);
    }
    return this.takeListing();
  }

  /** Lists the phrases that state `s` reports and are not listed yet: the longest, then its suffixes. */
  private list(s: number): void {
    const { output, shorter, listed } = this;
    for (let p = output[s]!; p >= 0 && listed[p] === 0; p = shorter[p]!) {
      listed[p] = 1;
      (this.listing ??= []).push(p);
    }
  }

  /** The running phrasesIn call's answer; its marks cleared for the next. */
  private takeListing(): readonly number[] {
    const found = this.listing;
    if (found === null) return NO_PHRASES;
    this.listing = null;
    for (const p of found) this.listed[p] = 0;
    return found;
  }

  matches(value: string): boolean {
    return this.scan(value) !== -1;
  }
}

/** The number of whole blocks `value` shares with `last`, of which `known` blocks are known. */
function sharedBlocks(value: string, last: string, known: number): number {
  let lo = 0;
  let hi = Math.min(known, Math.floor(value.length / BLOCK));
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    // (slices compared with ===: a native memcmp, where startsWith goes char by char)
    if (value.slice(0, mid * BLOCK) === last.slice(0, mid * BLOCK)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * After byte `b` at `i` left the scan in its state: the index of the last byte of the run of `b`
 * that starts there. A state that loops on a byte stays in it through a run of it, and reported
 * when entered: long runs (a body of quotes or spaces) cost a compare per byte.
 */
function runEnd(b: number, value: string, i: number): number {
  return b <= 0xff && i + 1 < value.length && value.charCodeAt(i + 1) === b ? runOf(b, value, i) - 1 : i;
}

/** Sticky regexes matching a run of one byte, by byte (made when first needed). */
const RUNS: RegExp[] = [];

/** The end of the run of char `b` that starts at `from` (a native scan, for long runs). */
function runOf(b: number, value: string, from: number): number {
  const re = (RUNS[b] ??= new RegExp(`\\u${b.toString(16).padStart(4, '0')}+`, 'y'));
  re.lastIndex = from;
  re.test(value);
  return re.lastIndex;
}

/**
 * Bytes in a row at the root before the rest of the run is skipped natively: a call costs about
 * as much as 10 bytes of the scan, so short runs (between words of prose) stay in the loop.
 */
const IDLE_RUN = 16;
/**
 * Chars per resumable block (see resumeValue), and the lengths of the values remembered: shorter
 * ones cost more to compare than to scan, longer ones would keep large strings alive.
 */
const BLOCK = 64;
const RESUME_MIN = 4 * BLOCK;
const RESUME_MAX = 1 << 14;
/** Values shorter than this are scanned in one lane: the second lane's set-up would cost more. */
const LANES_MIN = 32;
