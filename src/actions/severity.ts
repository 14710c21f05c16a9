import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';

const NAMES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

/** `severity:CRITICAL` or `severity:2`. */
export default {
  name: 'severity',
  compile(value, ctx) {
    const text = requireValue('severity', value).trim();
    const byName = NAMES.indexOf(text.toUpperCase());
    const severity = byName >= 0 ? byName : Number(text);
    if (!Number.isInteger(severity) || severity < 0 || severity > 7) throw new Error(`invalid severity '${text}'`);
    ctx.rule.severity = severity;
  },
} satisfies ActionDefinition;

export const severityNames: readonly string[] = NAMES;
