/**
 * The audit log's messages, read back from the transaction's error-log lines (the engine's
 * formatLogLine). The trailer (part H) carries the line as v2's `Message:` does: without the
 * `ModSecurity: ` prefix and the `[hostname] [uri] [unique_id]` that only the error log adds.
 * The JSON format needs the fields one by one, as libmodsecurity's `details`.
 */

export interface AuditMessage {
  /** the text after `Message: ` in part H */
  text: string;
  /** null for engine messages that no rule produced (request body errors) */
  ruleId: number | null;
  msg: string;
  /** `Matched "Operator ...' ... (Value: ...)` or `Unconditional match in SecAction.` */
  match: string;
  file: string;
  lineNumber: string;
  data: string;
  severity: string;
  ver: string;
  rev: string;
  maturity: string;
  accuracy: string;
  tags: string[];
}

const PREFIX = 'ModSecurity: ';
const ERROR_LOG_ONLY = /(?: \[(?:hostname|uri|unique_id) "(?:[^"\\]|\\.)*"\])+$/;
const FIELD = /\[([a-z_]+) "((?:[^"\\]|\\.)*)"\]/g;
const MATCH_START = /(?:Matched "Operator `|Unconditional match in SecAction\.)/;

/** Reverses the log escaping (`\"`, `\\`, `\xHH`) so JSON carries the original bytes. */
export function logUnescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e));
}

export function parseLogLine(line: string): AuditMessage {
  const body = line.startsWith(PREFIX) ? line.slice(PREFIX.length) : line;
  const text = body.replace(ERROR_LOG_ONLY, '');
  const fields = new Map<string, string>();
  const tags: string[] = [];
  // Rule lines start their fields with [file]; an operator parameter before it may hold brackets.
  const fileAt = text.indexOf(' [file "');
  const firstField = fileAt >= 0 ? fileAt : text.search(/ \[[a-z_]+ "/);
  for (const m of (firstField < 0 ? '' : text.slice(firstField)).matchAll(FIELD)) {
    const value = logUnescape(m[2]!);
    if (m[1] === 'tag') tags.push(value);
    else if (!fields.has(m[1]!)) fields.set(m[1]!, value);
  }
  const head = firstField < 0 ? text : text.slice(0, firstField);
  const at = head.search(MATCH_START);
  const id = fields.get('id');
  const get = (k: string, dflt = ''): string => fields.get(k) || dflt;
  return {
    text,
    ruleId: id !== undefined && /^\d+$/.test(id) ? Number(id) : null,
    msg: get('msg'),
    match: at < 0 ? head : head.slice(at),
    file: get('file'),
    lineNumber: get('line'),
    data: get('data'),
    // libmodsecurity writes 0 for rules without these
    severity: get('severity', '0'),
    ver: get('ver'),
    rev: get('rev'),
    maturity: get('maturity', '0'),
    accuracy: get('accuracy', '0'),
    tags,
  };
}
