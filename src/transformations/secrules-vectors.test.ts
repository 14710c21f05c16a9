/**
 * Runs every transformation vector of ../shared/secrules-language-tests/transformations
 * against the registry. Vectors where ModSecurity v2 behaves differently are listed in
 * DEVIATIONS with the v2 result and the reason; those assert the v2 result instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getTransformation } from './registry.js';
import type { TransformEnv } from './types.js';
import { parseUnicodeMap } from './unicode-map.js';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const VECTORS = `${SHARED}secrules-language-tests/transformations/`;
const MAPPING = `${SHARED}peers/modsec/conf/unicode.mapping`;

interface Vector {
  name: string;
  input: string;
  output: string;
  ret: number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"',
};

/** Go's `strconv.Unquote` of `"` + s + `"` on a binary string; null where Go reports an error. */
function goUnquote(s: string): string | null {
  if (s.includes('\n')) return null;
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '"') return null;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = s.slice(i + 2, i + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return null;
      const v = parseInt(hex, 16);
      // \x is a raw byte; \u and \U are code points, written as UTF-8.
      out += e === 'x' ? String.fromCharCode(v) : Buffer.from(String.fromCodePoint(v), 'utf8').toString('latin1');
      i += 2 + digits;
    } else if (e >= '0' && e <= '7') {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return null;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 4;
    } else {
      return null;
    }
  }
  return out;
}

/**
 * The reference harness's reading of a vector string (README.md): the JSON text as UTF-8
 * bytes, a literal `\u0000` as NUL, then Go unquoting when a literal `\x` remains (Coraza's
 * harness ignores the Unquote error and so tests the empty string; so do we).
 */
function decodeVectorString(text: string): string {
  const bytes = Buffer.from(text, 'utf8').toString('latin1').replaceAll('\\u0000', '\0');
  return bytes.includes('\\x') ? (goUnquote(bytes) ?? '') : bytes;
}

interface Deviation {
  /** ModSecurity v2's result, asserted instead of the vector's output. */
  v2Output: string;
  why: string;
}

/** Keyed by `<file name>#<index in file>`. */
const DEVIATIONS: Record<string, Deviation> = {
  'cssDecode#3': {
    v2Output: 'test\n\x0b\x0fnrtv?\'"\0\x12#4EV!~\0  string',
    why: 'a 3-6 digit escape keeps the byte of its last two digits (\\123 -> #), not the UTF-8 of the code point',
  },
  'cssDecode#5': {
    v2Output: '\x1a\x01AV7V7\x01x\x01x',
    why: 'a 6-digit escape keeps the byte of its last two digits (\\123456 -> V), not U+FFFD',
  },
  'hexDecode#3': {
    v2Output: '\x01\x23\x45\x67\x89\x23',
    why: 'hex2bytes_inplace does not validate digits: x2c("0z") is 0x23',
  },
  'hexDecode#4': {
    v2Output: 'Test\0',
    why: 'hex2bytes_inplace drops an odd last digit',
  },
};

/**
 * urlDecodeUni's vectors assume ModSecurity's recommended `SecUnicodeMapFile unicode.mapping
 * 20127` (best-fit %u00e9 -> e, %u201c -> "), which is also the CRS test setup; code points the
 * map lacks fall back to the low byte, so every vector of the file runs with that map.
 */
const WITH_CODE_PAGE_20127 = new Set(['urlDecodeUni']);

const present = existsSync(VECTORS);

describe.skipIf(!present)('secrules-language-tests transformation vectors (needs ../shared/secrules-language-tests)', () => {
  const files = present ? readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort() : [];
  const cp20127: TransformEnv = {
    unicodeMap: existsSync(MAPPING) ? parseUnicodeMap(readFileSync(MAPPING, 'latin1'), 20127) : null,
  };
  const plain: TransformEnv = { unicodeMap: null };

  for (const file of files) {
    const name = file.replace(/\.json$/, '');
    const vectors = JSON.parse(readFileSync(VECTORS + file, 'utf8')) as Vector[];
    describe(name, () => {
      it('is registered', () => {
        expect(getTransformation(name)?.name).toBe(name);
      });
      vectors.forEach((v, index) => {
        const deviation = DEVIATIONS[`${name}#${index}`];
        const withMap = WITH_CODE_PAGE_20127.has(name);
        const input = decodeVectorString(v.input);
        const expected = deviation?.v2Output ?? decodeVectorString(v.output);
        const label = `#${index} ${JSON.stringify(input).slice(0, 60)}${deviation ? ` (v2: ${deviation.why})` : ''}`;
        it.skipIf(withMap && !cp20127.unicodeMap)(label, () => {
          const env = withMap ? cp20127 : plain;
          const tfn = getTransformation(name)!.create(env);
          const result = tfn(input);
          expect(result).toBe(expected);
          // `ret: 0` with an unchanged value: the transformation must leave it alone.
          if (v.ret === 0 && expected === input) expect(result).toBe(input);
        });
      });
    });
  }
});
