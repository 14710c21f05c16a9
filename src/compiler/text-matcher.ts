import { compileRegex } from './regex.js';
import { Memo } from '../engine/memo.js';

const META = /[\\^$.|?*+()[\]{}]/;

/**
 * A predicate for ModSecurity's "matches this regex" on rule metadata (ruleRemoveByTag/ByMsg
 * and their SecRule* directives). A pattern without regex syntax is a substring test; answers of
 * a real regex are remembered, since the same tags are asked about on every transaction.
 */
export function textMatcher(pattern: string): (text: string) => boolean {
  if (!META.test(pattern)) return (text) => text.includes(pattern);
  const re = compileRegex(pattern);
  const memo = new Memo<boolean>();
  return (text) => memo.get(text) ?? memo.remember(text, re.test(text));
}
