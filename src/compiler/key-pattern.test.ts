import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyPattern } from './key-pattern.js';
import { compileRegex } from './regex.js';

/** What the selector's own regex answers (ModSecurity compiles selector regexes caseless). */
const byRegex = (source: string, key: string): boolean => compileRegex(source, { caseless: true }).test(key, Buffer.from(key, 'utf8'));

// CRS's literal selectors, and the literal shapes around them
const LITERALS = ['^header_name_920450_', '^_pk_ref', 'rfi_parameter_.*', 'MULTIPART_HEADERS_CONTENT_TYPES_*', '^a\\-b\\.c', 'x-', '^K', 'ab*'];

describe('regex key selectors (keyPattern)', () => {
  it('literal selectors answer as their regex on keys around the literal', () => {
    const keys = [
      'header_name_920450_host', 'HEADER_NAME_920450_X', 'xheader_name_920450_', 'header_name_920450', '', '_PK_REF.1', 'a_pk_ref',
      'tx_rfi_parameter_', 'RFI_PARAMETER', 'multipart_headers_content_types', 'MULTIPART_HEADERS_CONTENT_TYPE', 'A-B.C', 'a-bxc',
      'X-', 'x', '\u212a', 'k', 'a', 'abbb', '\u0130', 'i', '\u017f',
    ];
    for (const source of LITERALS) for (const key of keys) expect(keyPattern(source)(key), `${source} on ${JSON.stringify(key)}`).toBe(byRegex(source, key));
  });

  it('folds ASCII letters only, as PCRE without UTF does (no KELVIN SIGN for k), as the regex does', () => {
    expect(keyPattern('^K')('\u212a')).toBe(false);
    expect(byRegex('^K', '\u212a')).toBe(false);
    expect(keyPattern('^K')('k')).toBe(true);
  });

  it('agrees with the regex on generated keys (ASCII case folding only, as PCRE)', () => {
    const char = fc.constantFrom(...'aAbBkK_-.x\u212a\u017f\u0130\u00e9\u00c9 0'.split(''));
    fc.assert(
      fc.property(fc.constantFrom(...LITERALS, '^ab', 'k', '^_ga(?:_\\w+)?$', '^pbjs-\\w+$'), fc.array(char, { maxLength: 12 }).map((a) => a.join('')), (source, key) => {
        expect(keyPattern(source)(key)).toBe(byRegex(source, key));
      }),
      { numRuns: 3000 },
    );
  });

  it('patterns with regex syntax still run as regexes', () => {
    const ga = keyPattern('^_ga(?:_\\w+)?$');
    expect(ga('_ga')).toBe(true);
    expect(ga('_GA_x1')).toBe(true);
    expect(ga('_ga_')).toBe(false);
    expect(keyPattern('^a.c')('abc')).toBe(true);
    expect(keyPattern('^a.c')('a.x')).toBe(false);
  });
});
