import type { Rule } from '../compiler/program.js';

export interface LogContext {
  rule: Rule;
  /** the link whose match produced the entry */
  link: Rule;
  variableName: string;
  value: string;
  msg: string;
  data: string;
  hostname: string;
  uri: string;
  uniqueId: string;
  /** "Access denied with code 403 (phase 2)" or null for a warning */
  disruption: string | null;
}

/** ModSecurity's operator names in log lines: `@rx` -> `Rx`, `@pmFromFile` -> `PmFromFile`. */
function operatorLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** ModSecurity's log escaping: quotes and backslashes escaped, bytes outside 0x20-0x7e as \\xHH. */
export function logEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/["\\]|[^\x20-\x7e]/g, (c) =>
    c === '"' || c === '\\' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
const quote = logEscape;

/**
 * One error-log line in ModSecurity's format (as libmodsecurity writes it), which users' log
 * tooling and CRS's `match_regex` tests parse.
 */
export function formatLogLine(c: LogContext): string {
  const r = c.rule;
  const head = c.disruption ? `ModSecurity: ${c.disruption}.` : 'ModSecurity: Warning.';
  const matched = c.link.hasOperator
    ? `Matched "Operator \`${operatorLabel(c.link.operatorName)}' with parameter \`${c.link.operatorParam}' against variable \`${c.variableName}' (Value: \`${logEscape(c.value)}' )`
    : 'Unconditional match in SecAction.';
  let line = `${head} ${matched} [file "${r.file}"] [line "${r.line}"] [id "${r.id}"] [rev "${r.rev ?? ''}"] [msg "${quote(c.msg)}"] [data "${quote(c.data)}"]`;
  line += ` [severity "${r.severity ?? ''}"] [ver "${r.ver ?? ''}"] [maturity "${r.maturity ?? '0'}"] [accuracy "${r.accuracy ?? '0'}"]`;
  for (const t of r.tags) line += ` [tag "${quote(t)}"]`;
  line += ` [hostname "${c.hostname}"] [uri "${c.uri}"] [unique_id "${c.uniqueId}"]`;
  return line;
}
