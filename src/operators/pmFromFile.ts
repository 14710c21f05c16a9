import { parsePmContent } from './support/pm-content.js';
import { PhraseAutomata } from './support/phrase-match.js';
import { isSpace } from './support/ctype.js';
import { splitOnSpace } from './pm.js';
import type { OperatorDefinition, OperatorEnv } from './types.js';

/** Trims C whitespace at both ends. */
function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/**
 * Phrases of a data file as v2 reads them: each line goes through the @pm content decoding
 * (raw line when that fails; note `a|b` lines therefore lose their `|...` part, exactly as in
 * v2), is trimmed, and empty lines and `#` comments are skipped.
 */
export function readPhraseFile(text: string): string[] {
  const phrases: string[] = [];
  for (const line of text.split('\n')) {
    const phrase = trimSpace(parsePmContent(line) ?? line);
    if (phrase !== '' && !phrase.startsWith('#')) phrases.push(phrase);
  }
  return phrases;
}

/** Reads every data file named in the parameter (space-separated, relative to the rule file). */
export function readDataFiles(name: string, param: string, env: OperatorEnv): string[] | null {
  const files = splitOnSpace(param);
  if (files.length === 0) throw new Error(`${name}: missing parameter (data file names)`);
  if (files.some((f) => /^https?:\/\//i.test(f))) {
    env.warn(`${name}: unavailable: data files by URL are not fetched (${param})`);
    return null;
  }
  return files.map((f) => env.readFile(f));
}

const automata = new PhraseAutomata(readPhraseFile);

/**
 * @pmFromFile (alias @pmf): @pm with phrases from data files, one per line. The files are read at
 * load time (a missing one is a load error); their phrases only when the rule first runs.
 */
export default {
  name: 'pmFromFile',
  create(param, env) {
    const texts = readDataFiles('pmFromFile', param, env);
    if (texts === null) return { evaluate: () => false };
    // Joined by a line break, the files are read as one list: the lines of each in turn.
    return automata.matcher(texts.join('\n'));
  },
} satisfies OperatorDefinition;
