import { AhoCorasick } from '../../compiler/aho-corasick.js';
import type { Operator } from '../types.js';

/**
 * The evaluation shared by @pm and @pmFromFile: ASCII-case-insensitive search for any phrase.
 * An empty value never matches (v2). With capture, TX:0 is the matched text as it appears in the
 * value (v2 itself stores the phrase as written in the list; the two differ only in letter case)
 * and TX:1..TX:9 are cleared.
 */
export function phraseMatcher(phrases: string[]): Operator {
  const ac = new AhoCorasick(phrases);
  return {
    evaluate(value, ctx) {
      if (ctx.captures === null) return ac.matches(value);
      const m = ac.search(value);
      if (m === null) return false;
      ctx.captures[0] = value.slice(m.start, m.end);
      for (let i = 1; i < 10; i++) ctx.captures[i] = '';
      return true;
    },
  };
}
