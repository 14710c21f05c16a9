import type { Macro } from '../operators/types.js';
import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';
import { intern } from '../engine/intern.js';

/** Collections setvar may write; ENV goes through setenv. */
const WRITABLE = new Set(['TX', 'IP', 'GLOBAL', 'SESSION', 'USER', 'RESOURCE']);

type Operation = 'set' | 'add' | 'subtract' | 'delete';

/**
 * `setvar:tx.name=value`, `=+n`, `=-n`, `!tx.name`, `tx.name` (sets 1). Name and value may hold
 * macros; both are prepared at load time.
 */
export default {
  name: 'setvar',
  compile(value, ctx) {
    let text = requireValue('setvar', value).trim();
    let op: Operation = 'set';
    if (text.startsWith('!')) {
      op = 'delete';
      text = text.slice(1);
    }
    const eq = text.indexOf('=');
    const target = eq < 0 ? text : text.slice(0, eq);
    let raw = eq < 0 ? '1' : text.slice(eq + 1);
    if (op !== 'delete' && eq >= 0 && (raw.startsWith('+') || raw.startsWith('-'))) {
      op = raw[0] === '+' ? 'add' : 'subtract';
      raw = raw.slice(1);
    }
    const dot = target.indexOf('.');
    if (dot <= 0) throw new Error(`setvar: '${target}' is not collection.name`);
    const collection = target.slice(0, dot).trim().toUpperCase();
    if (!WRITABLE.has(collection)) throw new Error(`setvar: collection '${collection}' cannot be written`);
    const key: Macro = ctx.macro(target.slice(dot + 1).trim());
    const operand: Macro = ctx.macro(raw);
    // keys are case-insensitive: a constant one is lower-cased once
    const keyName = key.constant !== null ? intern(key.constant) : null;
    const keyLower = keyName !== null ? intern(keyName.toLowerCase()) : null;
    return {
      name: 'setvar',
      ...(collection === 'TX' ? { txWrite: { key, op, operand } } : {}),
      run(tx) {
        const name = keyName ?? key.expand(tx);
        const lower = keyLower ?? name.toLowerCase();
        if (op === 'delete') {
          tx.deleteVariable(collection, name);
          return;
        }
        const v = operand.constant ?? operand.expand(tx);
        if (op === 'set') {
          tx.setVariable(collection, name, v, lower);
        } else {
          const current = toInt(tx.store(collection)?.getLower(lower) ?? '0');
          const delta = toInt(v);
          tx.setVariable(collection, name, String(op === 'add' ? current + delta : current - delta), lower);
        }
      },
    };
  },
} satisfies ActionDefinition;

/** atoi(): leading whitespace, optional sign, digits; anything else stops the number (0 when none). */
export function toInt(s: string): number {
  // the usual operand, a short run of digits (anomaly scores), without the regex
  let n = 0;
  let i = 0;
  for (; i < s.length && i < 15; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  if (i === s.length && i > 0) return n;
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) : 0;
}
