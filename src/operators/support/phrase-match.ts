import { AhoCorasick } from '../../compiler/aho-corasick.js';
import type { Operator } from '../types.js';

/**
 * @pm / @pmFromFile automata by the text their phrases are read from (a parameter, the data
 * files). CRS uses some data files in several rules, and a large list (php-errors: about 45,000
 * states) costs hundreds of milliseconds to build, so each list is read and built once, and only
 * when a rule first needs it rather than at load time.
 */
export class PhraseAutomata {
  private readonly bySource = new Map<string, AhoCorasick>();

  constructor(private readonly readPhrases: (source: string) => string[]) {}

  /**
   * The evaluation shared by @pm and @pmFromFile: ASCII-case-insensitive search for any phrase.
   * An empty value never matches (v2). With capture, TX:0 is the matched text as it appears in
   * the value (v2 itself stores the phrase as written in the list; the two differ only in letter
   * case) and TX:1..TX:9 are cleared.
   */
  matcher(source: string): Operator {
    let automaton: AhoCorasick | null = null;
    return {
      phrases: () => this.readPhrases(source),
      evaluate: (value, ctx) => {
        const ac = (automaton ??= this.automaton(source));
        if (ctx.captures === null) return ac.matches(value);
        const m = ac.search(value);
        if (m === null) return false;
        ctx.captures[0] = value.slice(m.start, m.end);
        for (let i = 1; i < 10; i++) ctx.captures[i] = '';
        return true;
      },
    };
  }

  private automaton(source: string): AhoCorasick {
    let ac = this.bySource.get(source);
    if (!ac) this.bySource.set(source, (ac = new AhoCorasick(this.readPhrases(source))));
    return ac;
  }
}
