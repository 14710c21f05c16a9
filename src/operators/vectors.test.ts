/**
 * The secrules-language-tests operator vectors (../shared/secrules-language-tests/operators).
 * Not run here: nids.json (Coraza's validateNid), validateSchema.json (Coraza's JSON variant),
 * pmFromFile.json (its data files are not kept), and detectSQLi/detectXSS (tested by their
 * own helper's files).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getOperator } from './registry.js';
import { testContext, testEnv } from './test-env.js';

const dir = new URL('../../../shared/secrules-language-tests/operators/', import.meta.url);
const SKIPPED = new Set(['nids.json', 'validateSchema.json', 'pmFromFile.json', 'detectSQLi.json', 'detectXSS.json']);

/** Go strconv.Unquote escapes, applied to a binary string. */
function goUnquote(s: string): string {
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (e[0] === 'u' || e[0] === 'U') return Buffer.from(String.fromCodePoint(parseInt(e.slice(1), 16)), 'utf8').toString('latin1');
    const r = simple[e];
    if (r === undefined) throw new Error(`bad escape ${m}`);
    return r;
  });
}

/**
 * The README's reading: JSON text as UTF-8 bytes, literal `\u0000` → NUL, then Go unquoting when
 * `\x` occurs. Also a literal `\0` not followed by a digit → NUL: containsWord.json's
 * "abc\\0def ghi" comes from ModSecurity's Perl tests, where "abc\0def" is a NUL byte (with a
 * literal backslash-zero, '0' is a word char before "def" and v2 would not match).
 */
function decode(text: string | undefined): string {
  let s = Buffer.from(text ?? '', 'utf8').toString('latin1');
  s = s.replaceAll('\\u0000', '\0').replace(/\\0(?![0-9])/g, '\0');
  return s.includes('\\x') ? goUnquote(s) : s;
}

interface Vector {
  name: string;
  param?: string;
  input?: string;
  ret: number;
}

/**
 * Vectors that encode Go's net.IP behaviour rather than ModSecurity's: Go turns an IPv4-mapped
 * IPv6 value (::ffff:a.b.c.d) into IPv4 and then fails to match it against an IPv6 network; v2
 * looks it up in its IPv6 tree, where 0:0::/80 does contain it.
 */
const GO_SPECIFIC = new Set(['ipMatch 0:0::/80 0000:0000:0000:0000:0000:ffff:ffff:ffff']);

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !SKIPPED.has(f)) : [];

describe.skipIf(files.length === 0)('secrules-language-tests operator vectors (needs ../shared)', () => {
  for (const file of files) {
    const vectors = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Vector[];
    describe(file, () => {
      it(`${vectors.length} vectors, with and without capture`, () => {
        for (const v of vectors) {
          if (GO_SPECIFIC.has(`${v.name} ${v.param} ${v.input}`)) continue;
          const def = getOperator(v.name);
          expect(def, `operator ${v.name}`).toBeDefined();
          const param = decode(v.param);
          const input = decode(v.input);
          const op = def!.create(param, testEnv());
          for (const capture of [false, true]) {
            const got = op.evaluate(input, testContext(input, { capture }));
            expect(got, `@${v.name} ${JSON.stringify(param).slice(0, 80)} on ${JSON.stringify(input).slice(0, 80)} (capture ${capture})`).toBe(v.ret === 1);
          }
        }
      });
    });
  }
});
