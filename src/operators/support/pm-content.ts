import { isSpace } from './ctype.js';

/**
 * ModSecurity v2's parse_pm_content(), applied to @pm parameters, @pmFromFile lines and @strmatch:
 * leading whitespace is skipped, one pair of surrounding double quotes is removed, `|41 42|`
 * spells bytes in hex, and `\` escapes only `: ; \ "`. Returns null where v2 reports an error
 * (empty content, unsupported escape); callers decide what v2 then does.
 */
export function parsePmContent(text: string): string | null {
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  let content = text.slice(start);
  if (content.length >= 2 && content.startsWith('"') && content.endsWith('"')) content = content.slice(1, -1);
  if (content.length === 0) return null;
  // Most phrases (every line of most data files) have nothing to decode.
  if (!content.includes('|') && !content.includes('\\')) return content;
  let out = '';
  let hex = false;
  let escaped = false;
  let pending = '';
  for (const c of content) {
    if (c === '|') {
      hex = !hex; // v2 keeps a dangling odd hex digit for the next |...| section
    } else if (!escaped && c === '\\') {
      escaped = true;
    } else if (hex) {
      if (/[0-9a-fA-F]/.test(c)) {
        pending += c;
        if (pending.length === 2) {
          out += String.fromCharCode(parseInt(pending, 16));
          pending = '';
        }
      }
      // Anything else between pipes (spaces) is ignored.
    } else if (escaped) {
      if (!':;\\"'.includes(c)) return null;
      out += c;
      escaped = false;
    } else {
      out += c;
    }
  }
  return out;
}
