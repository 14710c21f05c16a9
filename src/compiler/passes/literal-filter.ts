import { AhoCorasick, NO_PHRASES } from '../aho-corasick.js';
import { VALUE_END, VALUE_START, literalCost } from './required-literals.js';

/**
 * Which patterns of a group may match a value, from their required literals (required-literals.ts):
 * a pattern is a candidate when each of its OR-sets has a string in the value. Strings without
 * marks are looked for by one Aho–Corasick scan (a filter with few rare ones first tries a regex
 * of them on a value the scan has not seen); those tied to the value's start or end are compared
 * there. ASCII letters compare case-insensitively, as the literals are lower case.
 * Values are binary strings (chars 0..0xFF), as everywhere in the engine: the literals are
 * worked out for re2 seeing such a value's UTF-8 encoding.
 */

/**
 * The phrases a LiteralScan found per value, kept by the caller for as long as the answers may
 * be asked for again (the engine keeps one per transaction).
 */
export type ScanMemo = Map<string, readonly number[]>;

/**
 * One Aho–Corasick automaton over the floating literals of several filters (the RE2.Set groups
 * of a rule set): a value is scanned once for all of them, rather than once per group. Groups
 * differ by transformation chain, and most chains leave most values unchanged, so the same value
 * reaches many groups, one after the other with the other values of its target in between: the
 * answers are kept in a ScanMemo. Filters register their literals (phraseOf) before the first
 * scan, which builds the automaton.
 */
export class LiteralScan {
  private readonly phrases = new Map<string, number>();
  private automaton: AhoCorasick | null | undefined = undefined;

  /** The phrase index of a (lower-case) literal; only before the first scan. */
  phraseOf(text: string): number {
    if (this.automaton !== undefined) throw new Error('LiteralScan: literal registered after the first scan');
    let p = this.phrases.get(text);
    if (p === undefined) this.phrases.set(text, (p = this.phrases.size));
    return p;
  }

  /** Builds the automaton once every literal is registered (else the first scan does). */
  build(): AhoCorasick | null {
    if (this.automaton === undefined) this.automaton = this.phrases.size > 0 ? new AhoCorasick([...this.phrases.keys()]) : null;
    return this.automaton;
  }

  /** The index of every registered literal the value holds (ASCII case folded), each once. */
  phrasesIn(value: string, memo: ScanMemo | null): readonly number[] {
    let found = memo?.get(value);
    if (found !== undefined) return found;
    const ac = this.build();
    found = ac === null ? NO_PHRASES : ac.phrasesIn(value);
    memo?.set(value, found);
    return found;
  }
}

/**
 * Groups that look for their strings with one shared LiteralScan (a value is scanned once for
 * all): the RE2.Set groups' required literals, the phrase groups' phrases. The scan must know
 * every string before it runs, so the first group used works out those of all.
 */
export class GroupFamily {
  readonly groups: Array<{ prepareLiterals(scan: LiteralScan): void }> = [];
  private prepared = false;

  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    const scan = new LiteralScan();
    for (const g of this.groups) g.prepareLiterals(scan);
    scan.build();
  }
}

/**
 * What one filter or phrase group keeps per phrase of a shared scan. It holds a few of the scan's
 * thousands of phrases: a bit per phrase is tested first (the bits of every group fit in cache),
 * and the table is read only for a phrase held. (An array indexed by phrase either fell back to
 * dictionary elements or, packed, spread ~1.2 MB of look-ups over the cache.)
 */
export class PhraseTable<T> {
  private readonly bits: Uint32Array;

  constructor(private readonly byPhrase: ReadonlyMap<number, T>) {
    let size = 0;
    for (const p of byPhrase.keys()) size = Math.max(size, p + 1);
    this.bits = new Uint32Array((size + 31) >>> 5);
    for (const p of byPhrase.keys()) this.bits[p >>> 5]! |= 1 << (p & 31);
  }

  get(phrase: number): T | undefined {
    const w = phrase >>> 5;
    return w < this.bits.length && ((this.bits[w]! >>> (phrase & 31)) & 1) !== 0 ? this.byPhrase.get(phrase) : undefined;
  }
}

/** An OR-set index fits in a bit of a byte per pattern. */
const MAX_CLAUSES = 8;

/**
 * A filter whose floating literals are few and rare (literalCost) also gets one native regex over
 * them (see LiteralFilter.quick): more strings make the regex slow to build and run, commoner ones
 * make it match most values, and the scan then runs anyway.
 */
const QUICK_MAX_LITERALS = 512;
const QUICK_MAX_COST = 0.5;
/** Shorter values cost less to scan than a regex call. */
const QUICK_MIN_LENGTH = 32;

/** A case-insensitive regex matching any of the (lower-case, binary) strings. */
function anyOf(texts: readonly string[]): RegExp {
  const escape = (t: string) =>
    t.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&').replace(/[\0-\x1f\x7f-\xff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  // without the u flag, i folds ASCII letters, and Latin-1 ones to their other case: never fewer
  // matches than the scan, which folds ASCII only
  return new RegExp(texts.map(escape).join('|'), 'i');
}

interface Anchored {
  readonly text: string;
  /** The value must be exactly the text (both marks). */
  readonly whole: boolean;
  readonly holders: readonly number[];
}

const ANCHORED_START = 1;
const ANCHORED_END = 2;

const lowerAscii = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/** Whether the value has the (lower-case) text at `at`, ASCII case folded. */
function hasAt(value: string, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (lowerAscii(value.charCodeAt(at + k)) !== text.charCodeAt(k)) return false;
  return true;
}

export class LiteralFilter {
  /**
   * Per phrase of the scan, when this filter has it (and in Anchored): pattern * MAX_CLAUSES +
   * OR-set index, for each OR-set that holds the literal.
   */
  private readonly holders: PhraseTable<readonly number[]>;
  /** Anchored literals by the value's first or last char (lower case). */
  private readonly starts: Anchored[][] = Array.from({ length: 256 }, () => []);
  private readonly ends: Anchored[][] = Array.from({ length: 256 }, () => []);
  /** Per char: ANCHORED_START when `starts` has literals for it, ANCHORED_END for `ends` (most have none). */
  private readonly anchored = new Uint8Array(256);
  /** Holders of the literals that the empty value satisfies. */
  private readonly empty: number[] = [];
  /** Per pattern: the bits of all its OR-sets (0 for a pattern without literals: never a candidate). */
  private readonly complete: Uint8Array;
  /** Scratch of candidates(): the OR-sets seen per pattern, and the patterns touched. */
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;
  /**
   * A regex over the floating literals, tried on a value the shared scan has not seen yet: when it
   * finds none, the anchored literals alone decide, and the scan is spared. A value that only such
   * filters look at is never scanned (a multiMatch rule's intermediate values: a base64-decoded
   * name is noise that V8's regex passes over several times faster than the automaton). Null when
   * the literals are many or common.
   */
  private readonly quick: RegExp | null;

  /**
   * `required[i]` is pattern i's OR-sets, or null for a pattern left to other means. The floating
   * literals are looked for by `scan`, which other filters may share.
   */
  /** `quickCost`: the largest literalCost of the floating literals for which `quick` is made. */
  constructor(
    required: readonly (readonly (readonly string[])[] | null)[],
    private readonly scan: LiteralScan = new LiteralScan(),
    quickCost = QUICK_MAX_COST,
  ) {
    this.complete = new Uint8Array(required.length);
    this.seen = new Uint8Array(required.length);
    this.touched = new Int32Array(required.length);
    const holders = new Map<string, number[]>();
    required.forEach((clauses, pattern) => {
      if (clauses === null) return;
      if (clauses.length > MAX_CLAUSES) throw new RangeError(`more than ${MAX_CLAUSES} OR-sets`);
      clauses.forEach((strings, clause) => {
        this.complete[pattern]! |= 1 << clause;
        for (const s of strings) {
          const list = holders.get(s) ?? [];
          list.push(pattern * MAX_CLAUSES + clause);
          holders.set(s, list);
        }
      });
    });
    const byPhrase = new Map<number, number[]>();
    const floating: string[] = [];
    for (const [s, list] of holders) {
      const start = s.startsWith(VALUE_START);
      const end = s.endsWith(VALUE_END);
      const text = s.slice(start ? 1 : 0, end ? -1 : undefined);
      if (!start && !end) {
        byPhrase.set(scan.phraseOf(text), list);
        floating.push(text);
      } else if (text === '') {
        this.empty.push(...list);
      } else if (start) {
        this.starts[text.charCodeAt(0)]!.push({ text, whole: end, holders: list });
        this.anchored[text.charCodeAt(0)]! |= ANCHORED_START;
      } else {
        this.ends[text.charCodeAt(text.length - 1)]!.push({ text, whole: false, holders: list });
        this.anchored[text.charCodeAt(text.length - 1)]! |= ANCHORED_END;
      }
    }
    this.holders = new PhraseTable(byPhrase);
    this.quick = floating.length > 0 && floating.length <= QUICK_MAX_LITERALS && literalCost(floating) <= quickCost ? anyOf(floating) : null;
  }

  /**
   * Writes into `out` every pattern each of whose OR-sets has a string in the value; returns how
   * many. `memo` keeps the shared scan's answers (see LiteralScan).
   */
  candidates(value: string, out: Int32Array, memo: ScanMemo | null = null): number {
    let touched = 0;
    const phrases = this.quick === null || value.length < QUICK_MIN_LENGTH ? this.scan.phrasesIn(value, memo) : this.quickPhrases(value, memo);
    for (const phrase of phrases) {
      const holders = this.holders.get(phrase);
      if (holders !== undefined) touched = this.hold(holders, touched);
    }
    const n = value.length;
    if (n === 0) {
      touched = this.hold(this.empty, touched);
    } else {
      const first = value.charCodeAt(0);
      if (first <= 0xff && (this.anchored[lowerAscii(first)]! & ANCHORED_START) !== 0) {
        for (const a of this.starts[lowerAscii(first)]!) {
          if ((a.whole ? n === a.text.length : n >= a.text.length) && hasAt(value, 0, a.text)) touched = this.hold(a.holders, touched);
        }
      }
      const last = value.charCodeAt(n - 1);
      if (last <= 0xff && (this.anchored[lowerAscii(last)]! & ANCHORED_END) !== 0) {
        for (const a of this.ends[lowerAscii(last)]!) if (n >= a.text.length && hasAt(value, n - a.text.length, a.text)) touched = this.hold(a.holders, touched);
      }
    }
    let count = 0;
    for (let k = 0; k < touched; k++) {
      const p = this.touched[k]!;
      if (this.seen[p] === this.complete[p]) out[count++] = p;
      this.seen[p] = 0;
    }
    return count;
  }

  /** The scan's phrases of a value, or none when it has not been scanned and holds none of this filter's literals. */
  private quickPhrases(value: string, memo: ScanMemo | null): readonly number[] {
    const known = memo?.get(value);
    if (known !== undefined) return known;
    return this.quick!.test(value) ? this.scan.phrasesIn(value, memo) : NO_PHRASES;
  }

  private hold(holders: readonly number[], touched: number): number {
    for (const h of holders) {
      const p = (h / MAX_CLAUSES) | 0;
      if (this.seen[p] === 0) this.touched[touched++] = p;
      this.seen[p]! |= 1 << h % MAX_CLAUSES;
    }
    return touched;
  }
}
