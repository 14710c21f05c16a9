import { compileRegex } from './regex.js';

const META = /[\\^$.|?*+()[\]{}]/;
const MEMO_LIMIT = 4096;

/**
 * A predicate for ModSecurity's "matches this regex" on rule metadata (ruleRemoveByTag/ByMsg
 * and their SecRule* directives). A pattern without regex syntax is a substring test; answers of
 * a real regex are remembered, since the same tags are asked about on every transaction.
 */
export function textMatcher(pattern: string): (text: string) => boolean {
  if (!META.test(pattern)) return (text) => text.includes(pattern);
  const re = compileRegex(pattern);
  const memo = new Map<string, boolean>();
  return (text) => {
    let hit = memo.get(text);
    if (hit === undefined) {
      hit = re.test(text);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(text, hit);
    }
    return hit;
  };
}
