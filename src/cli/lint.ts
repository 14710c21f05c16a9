import { Waf } from '../waf.js';
import { SecLangError } from '../seclang/errors.js';

/** `portcullis lint <main.conf>`: parse and compile, print counts, load time, warnings. Exit 1 on errors. */
export function lint(confPath: string, out: (s: string) => void = console.log): number {
  let waf: Waf;
  try {
    waf = Waf.fromFileSync(confPath);
  } catch (e) {
    if (e instanceof SecLangError) out(`error: ${e.message}`);
    else out(`error: ${confPath}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const counts = waf.ruleCounts();
  const total = waf.compiled.rules.length;
  out(`${confPath}: ${total} rules loaded in ${waf.loadMs.toFixed(1)} ms`);
  out(`rules per phase: ${[1, 2, 3, 4, 5].map((p) => `${p}:${counts[p]}`).join(' ')}`);
  out(`engine: SecRuleEngine ${waf.config.ruleEngine}, request body access ${waf.config.requestBodyAccess ? 'On' : 'Off'}, response body access ${waf.config.responseBodyAccess ? 'On' : 'Off'}`);
  for (const w of waf.warnings) out(`warning: ${w.pos.file}:${w.pos.line}:${w.pos.column}: ${w.message}`);
  if (waf.compiled.unavailable.size) {
    out('not yet available (uses):');
    for (const [name, n] of waf.compiled.unavailable) out(`  ${name}: ${n}`);
  }
  out(`${waf.warnings.length} warnings, 0 errors`);
  return 0;
}
