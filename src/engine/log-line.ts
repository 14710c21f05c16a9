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

/** By char code below 256: what the log writes for a char it escapes, '' for one it keeps. */
const ESCAPES: string[] = Array.from({ length: 256 }, (_, c) =>
  c === 0x22 || c === 0x5c ? `\\${String.fromCharCode(c)}` : c >= 0x20 && c <= 0x7e ? '' : `\\x${c.toString(16).padStart(2, '0')}`);

/** ModSecurity's log escaping: quotes and backslashes escaped, bytes outside 0x20-0x7e as \\xHH. */
export function logEscape(s: string): string {
  // a loop over runs of kept chars: attack values escape many chars, and most other texts none
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(from, i) + (c < 256 ? ESCAPES[c] : `\\x${c.toString(16)}`);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}
const quote = logEscape;

/** The parts of a rule's log lines that are the same at every match, built at its first. */
export interface RuleLogText {
  /** as the link that matched: `Matched "Operator ... against variable \`` */
  readonly matched: string;
  /** as the chain's starter: `[file ...] [line ...] [id ...] [rev ...]` */
  readonly head: string;
  /** as the chain's starter: ` [severity ...] ... [tag ...]` */
  readonly tail: string;
}

function logTextOf(r: Rule): RuleLogText {
  if (r.logText !== null) return r.logText;
  let tail = ` [severity "${r.severity ?? ''}"] [ver "${r.ver ?? ''}"] [maturity "${r.maturity ?? '0'}"] [accuracy "${r.accuracy ?? '0'}"]`;
  for (const t of r.tags) tail += ` [tag "${quote(t)}"]`;
  return (r.logText = {
    matched: r.hasOperator ? `Matched "Operator \`${operatorLabel(r.operatorName)}' with parameter \`${r.operatorParam}' against variable \`` : '',
    head: `[file "${r.file}"] [line "${r.line}"] [id "${r.id}"] [rev "${r.rev ?? ''}"]`,
    tail,
  });
}

/**
 * One error-log line in ModSecurity's format (as libmodsecurity writes it), which users' log
 * tooling and CRS's `match_regex` tests parse.
 */
export function formatLogLine(c: LogContext): string {
  const text = logTextOf(c.rule);
  const head = c.disruption ? `ModSecurity: ${c.disruption}.` : 'ModSecurity: Warning.';
  const matched = c.link.hasOperator
    ? `${logTextOf(c.link).matched}${c.variableName}' (Value: \`${logEscape(c.value)}' )`
    : 'Unconditional match in SecAction.';
  return `${head} ${matched} ${text.head} [msg "${quote(c.msg)}"] [data "${quote(c.data)}"]${text.tail}` +
    ` [hostname "${c.hostname}"] [uri "${c.uri}"] [unique_id "${c.uniqueId}"]`;
}
