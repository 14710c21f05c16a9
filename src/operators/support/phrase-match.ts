import { AhoCorasick } from '../../compiler/aho-corasick.js';
import type { Operator } from '../types.js';

/**
 * Automata by phrase list: CRS uses some data files in several rules, and a large list (php-errors:
 * about 45,000 states) costs hundreds of milliseconds to build, so each list is built once, and
 * only when a rule first needs it rather than at load time.
 */
const automata = new Map<string, AhoCorasick>();

function automatonFor(phrases: string[]): AhoCorasick {
  const key = phrases.join('\n');
  let ac = automata.get(key);
  if (!ac) automata.set(key, (ac = new AhoCorasick(phrases)));
  return ac;
}

/**
 * The evaluation shared by @pm and @pmFromFile: ASCII-case-insensitive search for any phrase.
 * An empty value never matches (v2). With capture, TX:0 is the matched text as it appears in the
 * value (v2 itself stores the phrase as written in the list; the two differ only in letter case)
 * and TX:1..TX:9 are cleared.
 */
export function phraseMatcher(phrases: string[]): Operator {
  let automaton: AhoCorasick | null = null;
  return {
    evaluate(value, ctx) {
      const ac = (automaton ??= automatonFor(phrases));
      if (ctx.captures === null) return ac.matches(value);
      const m = ac.search(value);
      if (m === null) return false;
      ctx.captures[0] = value.slice(m.start, m.end);
      for (let i = 1; i < 10; i++) ctx.captures[i] = '';
      return true;
    },
  };
}
