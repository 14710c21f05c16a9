import { AhoCorasick, NO_PHRASES } from '../aho-corasick.js';
import type { CompiledTarget, TransformChain } from '../program.js';
import { HitCollector, NO_HITS, type Hits, type SetGroup } from './hits.js';
import { GroupFamily, PhraseTable, type LiteralScan, type ScanMemo } from './literal-filter.js';

/**
 * Phrase lists up to this many chars in all join the family's shared literal scan: a value is then
 * scanned once for them and for the RE2.Set groups' literals (CRS phases 1-2: ~50,000 chars of
 * lists). Larger ones (CRS's response-error lists, ~85,000 chars) keep an automaton of their own,
 * which only the values they read go through.
 */
const SHARED_SCAN_CHARS = 20_000;

/**
 * The phrase lists of every @pm and @pmFromFile rule that applies one transformation chain in one
 * phase: one scan of a transformed value answers for all of them (CRS PL1 has some thirty such
 * rules, most over the same arguments and cookies). A list matches when one of its phrases occurs
 * in the value, ASCII case folded, as the rule's own operator says (operators/support/phrase-match.ts);
 * the scan reports every phrase that occurs.
 */
export class PhraseSetGroup implements SetGroup {
  readonly wideTargets: CompiledTarget[] = [];
  readonly wideAnswerSlots: number[] = [];
  readonly wideEntrySlots: number[] = [];
  transforms: TransformChain | null = null;
  /** per member: its phrases, read when the group is first used (data files can be large) */
  private readonly lists: Array<() => readonly string[]> = [];
  /** per phrase of the scan: the members whose lists hold it */
  private holders: PhraseTable<number[]> = new PhraseTable(new Map());
  /** the family's scan, or the group's own automaton (null when no member has a phrase) */
  private scan: LiteralScan | null = null;
  private automaton: AhoCorasick | null = null;
  private hits: HitCollector | null = null;

  constructor(
    readonly id: number,
    private readonly family = new GroupFamily(),
  ) {
    family.groups.push(this);
  }

  add(phrases: () => readonly string[]): number {
    this.lists.push(phrases);
    return this.lists.length - 1;
  }

  prepare(): void {
    this.family.prepare();
  }

  get ready(): boolean {
    return this.hits !== null;
  }

  /** Answers for every member whatever the scope: the scan costs the same for any. */
  match(value: string, _utf8?: () => Buffer, memo: ScanMemo | null = null): Hits {
    if (this.hits === null) this.family.prepare();
    const found = this.scan !== null ? this.scan.phrasesIn(value, memo) : this.automaton !== null ? this.automaton.phrasesIn(value) : NO_PHRASES;
    if (found === NO_PHRASES) return NO_HITS;
    const hits = this.hits!;
    for (let k = 0; k < found.length; k++) {
      const members = this.holders.get(found[k]!);
      if (members !== undefined) for (const member of members) hits.hit(member);
    }
    return hits.answer();
  }

  /** Registers the phrases with the family's scan, or builds the group's own automaton (see SHARED_SCAN_CHARS). */
  prepareLiterals(scan: LiteralScan): void {
    const lists = this.lists.map((list) => list());
    const shared = lists.reduce((n, list) => list.reduce((m, p) => m + p.length, n), 0) <= SHARED_SCAN_CHARS;
    // phrases that differ only in ASCII case are one phrase of the scan, held by each list
    const own = new Map<string, number>();
    const byPhrase = new Map<number, number[]>();
    lists.forEach((list, member) => {
      for (const phrase of list) {
        const text = foldAscii(phrase);
        let p = shared ? scan.phraseOf(text) : own.get(text);
        if (p === undefined) own.set(text, (p = own.size));
        let holders = byPhrase.get(p);
        if (holders === undefined) byPhrase.set(p, (holders = []));
        if (holders[holders.length - 1] !== member) holders.push(member);
      }
    });
    this.holders = new PhraseTable(byPhrase);
    if (shared) this.scan = scan;
    else if (own.size > 0) this.automaton = new AhoCorasick([...own.keys()]);
    this.hits = new HitCollector(this.lists.length);
  }
}

/** ASCII upper-case letters to lower case, other chars as they are. */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
