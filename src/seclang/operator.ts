import type { OperatorNode, Position } from './ast.js';
import { SecLangError } from './errors.js';
import { locatedAt, type Located } from './source.js';

/** ModSecurity v2/v3 operator names in their documented spelling. Lookup is case-insensitive. */
export const KNOWN_OPERATORS: readonly string[] = [
  'beginsWith', 'contains', 'containsWord', 'detectSQLi', 'detectXSS', 'endsWith', 'eq', 'fuzzyHash',
  'ge', 'geoLookup', 'gsbLookup', 'gt', 'inspectFile', 'ipMatch', 'ipMatchF', 'ipMatchFromFile', 'le',
  'lt', 'noMatch', 'pm', 'pmf', 'pmFromFile', 'rbl', 'rsub', 'rx', 'rxGlobal', 'streq', 'strmatch',
  'unconditionalMatch', 'validateByteRange', 'validateDTD', 'validateHash', 'validateSchema',
  'validateUrlEncoding', 'validateUtf8Encoding', 'verifyCC', 'verifyCPF', 'verifySSN', 'verifySVNR',
  'within',
];

const canonical = new Map(KNOWN_OPERATORS.map((n) => [n.toLowerCase(), n]));

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * `[!]@name param` or, without `@`, an implicit `@rx` whose parameter is the
 * whole string. Known names get their canonical spelling; an unknown name is
 * kept as written for the compiler to reject with this node's position.
 */
export function parseOperatorLocated(src: Located): OperatorNode {
  // As in ModSecurity, `!` and `@` must come first: ` @rx x` is an implicit regex " @rx x".
  const s = src.text;
  const pos = src.pos(0);
  const negated = s[0] === '!';
  let i = negated ? 1 : 0;
  if (s[i] !== '@') return { pos, name: 'rx', param: s.slice(i), negated };
  const nameStart = ++i;
  while (i < s.length && !isBlank(s[i])) i++;
  const written = s.slice(nameStart, i);
  if (written === '') throw new SecLangError('operator name expected after "@"', src.pos(nameStart - 1));
  while (isBlank(s[i])) i++;
  return { pos, name: canonical.get(written.toLowerCase()) ?? written, param: s.slice(i), negated };
}

export function parseOperator(text: string, pos: Position): OperatorNode {
  return parseOperatorLocated(locatedAt(text, pos));
}
