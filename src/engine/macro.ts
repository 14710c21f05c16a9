import type { Macro, MacroScope } from '../operators/types.js';
import { intern } from './intern.js';

/** One `%{collection.key}` reference inside a macro template. */
interface MacroRef {
  /** upper-cased variable name: `TX`, `MATCHED_VAR`, `REQUEST_HEADERS` */
  collection: string;
  /** key after the first dot, lower-cased (keys are case-insensitive), or null for a plain variable */
  key: string | null;
}

const MACRO = /%\{([^}]+)\}/g;

/**
 * Splits a text such as `%{tx.anomaly_score} points` into literal pieces and references once,
 * at load time, so that expanding it per request is a plain concatenation.
 */
export function compileMacro(text: string): Macro {
  const parts: Array<string | MacroRef> = [];
  let last = 0;
  for (const m of text.matchAll(MACRO)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const name = m[1]!.trim();
    const dot = name.indexOf('.');
    parts.push(
      dot < 0
        ? { collection: intern(name.toUpperCase()), key: null }
        : { collection: intern(name.slice(0, dot).toUpperCase()), key: intern(name.slice(dot + 1).toLowerCase()) },
    );
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return { constant: text, expand: () => text };
  if (last < text.length) parts.push(text.slice(last));
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    const ref = parts[0]!;
    return { constant: null, expand: (scope: MacroScope) => scope.lookup(ref.collection, ref.key) };
  }
  return {
    constant: null,
    expand(scope: MacroScope): string {
      let out = '';
      for (const p of parts) out += typeof p === 'string' ? p : scope.lookup(p.collection, p.key);
      return out;
    },
  };
}
