import { AhoCorasick, NO_PHRASES } from '../aho-corasick.js';
import type { CompiledTarget, TransformChain } from '../program.js';
import { HitCollector, NO_HITS, type Hits, type SetGroup } from './hits.js';

/**
 * The phrase lists of every @pm and @pmFromFile rule that applies one transformation chain in one
 * phase, in one Aho–Corasick automaton: one scan of a transformed value answers for all of them
 * (CRS PL1 has some thirty such rules, most over the same arguments and cookies). A list matches
 * when one of its phrases occurs in the value, ASCII case folded, as the rule's own operator says
 * (operators/support/phrase-match.ts); the automaton reports every phrase that occurs.
 */
export class PhraseSetGroup implements SetGroup {
  readonly wideTargets: CompiledTarget[] = [];
  readonly wideAnswerSlots: number[] = [];
  transforms: TransformChain | null = null;
  /** per member: its phrases, read when the group is first used (data files can be large) */
  private readonly lists: Array<() => readonly string[]> = [];
  /** per phrase of the automaton: the members whose lists hold it */
  private readonly holders: number[][] = [];
  /** built on first use; null when no member has a phrase */
  private automaton: AhoCorasick | null | undefined = undefined;
  private hits: HitCollector | null = null;

  constructor(readonly id: number) {}

  add(phrases: () => readonly string[]): number {
    this.lists.push(phrases);
    return this.lists.length - 1;
  }

  prepare(): void {
    if (this.automaton === undefined) this.build();
  }

  get ready(): boolean {
    return this.automaton !== undefined;
  }

  match(value: string): Hits {
    const ac = this.automaton === undefined ? this.build() : this.automaton;
    const found = ac === null ? NO_PHRASES : ac.phrasesIn(value);
    if (found === NO_PHRASES) return NO_HITS;
    const hits = this.hits!;
    for (let k = 0; k < found.length; k++) for (const member of this.holders[found[k]!]!) hits.hit(member);
    return hits.answer();
  }

  private build(): AhoCorasick | null {
    // phrases that differ only in ASCII case are one phrase of the automaton, held by each list
    const index = new Map<string, number>();
    this.lists.forEach((list, member) => {
      for (const phrase of list()) {
        const text = foldAscii(phrase);
        let p = index.get(text);
        if (p === undefined) {
          index.set(text, (p = index.size));
          this.holders.push([]);
        }
        const holders = this.holders[p]!;
        if (holders[holders.length - 1] !== member) holders.push(member);
      }
    });
    this.hits = new HitCollector(this.lists.length);
    return (this.automaton = index.size > 0 ? new AhoCorasick([...index.keys()]) : null);
  }
}

/** ASCII upper-case letters to lower case, other chars as they are. */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
