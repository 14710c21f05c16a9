import { compileRegex, type CompiledRegex } from '../compiler/regex.js';
import { macroParam } from './support/macro-param.js';
import type { MatchContext, OperatorDefinition } from './types.js';

/** Patterns built from macros are compiled per evaluation; keep the most recent ones. */
const DYNAMIC_CACHE_SIZE = 64;

/** test() first: most values do not match, and exec() (captures) costs more. */
function run(re: CompiledRegex, value: string, ctx: MatchContext): boolean {
  const utf8 = re.engine === 're2' ? ctx.utf8() : undefined;
  if (!re.test(value, utf8)) return false;
  return ctx.captures ? re.exec(value, ctx.captures, utf8) : true;
}

/**
 * @rx: a v2 (PCRE, DOTALL | DOLLAR_ENDONLY, byte-wise) regex, run on re2 when possible. With
 * capture, TX:0..TX:9 get the match and its groups. A pattern holding `%{...}` is expanded and
 * compiled per evaluation, as v2 does.
 */
export default {
  name: 'rx',
  create(param, env) {
    if (env.macro(param).constant !== null) {
      const re = compileRegex(param);
      if (re.engine === 'js') env.warn(`rx: pattern runs on the JS fallback engine (inputs capped at 64 KB): ${param.slice(0, 80)}`);
      return { regex: re, evaluate: (value, ctx) => run(re, value, ctx) };
    }
    const resolve = macroParam(env, param);
    const cache = new Map<string, CompiledRegex | null>();
    return {
      evaluate(value, ctx) {
        const pattern = resolve(ctx.scope);
        let re = cache.get(pattern);
        if (re === undefined) {
          try {
            re = compileRegex(pattern);
          } catch {
            re = null; // v2 logs the compile error and does not match
          }
          if (cache.size >= DYNAMIC_CACHE_SIZE) cache.delete(cache.keys().next().value!);
          cache.set(pattern, re);
        }
        return re !== null && run(re, value, ctx);
      },
    };
  },
} satisfies OperatorDefinition;
