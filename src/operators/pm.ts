import { isSpace } from './support/ctype.js';
import { parsePmContent } from './support/pm-content.js';
import { PhraseAutomata } from './support/phrase-match.js';
import type { OperatorDefinition } from './types.js';

/** Splits on C whitespace, dropping empty pieces. */
export function splitOnSpace(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpace(text.charCodeAt(i));
    if (space && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    } else if (!space && start < 0) {
      start = i;
    }
  }
  return out;
}

/**
 * The phrases of a @pm parameter. As in v2 the whole parameter first goes through the
 * `|hex|`/escape/quote decoding (falling back to the raw text when that fails) and is then split
 * on whitespace, so a quoted phrase cannot hold a space.
 */
const readPhrases = (param: string): string[] => splitOnSpace(parsePmContent(param) ?? param);

const automata = new PhraseAutomata(readPhrases);

/** @pm: space-separated phrases, matched case-insensitively (ASCII). */
export default {
  name: 'pm',
  create(param) {
    if (readPhrases(param).length === 0) throw new Error("pm: missing parameter (a list of phrases)");
    return automata.matcher(param);
  },
} satisfies OperatorDefinition;
