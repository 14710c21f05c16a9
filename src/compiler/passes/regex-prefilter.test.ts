import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Waf } from '../../waf.js';
import { run, ids } from '../../../test/engine/helpers.js';

// CRS 942550's pattern: every match holds one of a few two-char strings (`"[`, `->"`...) or json_extract
const JSON_SQLI = String.raw`(?i)[\"'\x60][\[\{][^#\]\}]*[\]\}]+[\"'\x60]|(?:[\-@]>?|<@|@[\?@]|\?(?:(?:)|&|\|#>)|#(?:>>|-)|->>|[<>])[\"'\x60](?:[\[\{][^#\]\}]*[\]\}]+[\"'\x60]|\$[\.\[])|\bjson_extract\b[^\(]*\([^\)]*\)`;
const rules = `
SecRule ARGS "@rx ${JSON_SQLI}" "id:1,phase:2,pass,log,capture,multiMatch,t:none,t:urlDecodeUni,t:removeWhitespace,logdata:'%{TX.0}'"
SecRule ARGS "!@rx ${JSON_SQLI}" "id:2,phase:2,pass,log,multiMatch,t:none,t:urlDecodeUni,t:removeWhitespace"
`;
const load = (optimise: boolean) => Waf.fromStringSync(`SecRuleEngine On\n${rules}`, { optimise });

describe('required-literal test before a multiMatch @rx', () => {
  const filtered = load(true);
  const plain = load(false);

  it('keeps matches, captures and negation', () => {
    const tx = run(filtered, { uri: `/?q=${encodeURIComponent(`x' OR '["a"]'`)}` });
    expect(ids(tx)).toEqual([1]);
    expect(tx.matchedRules()[0]!.data).toBe(`'["a"]'`);
    expect(ids(run(filtered, { uri: '/?q=plain' }))).toEqual([2]);
    expect(ids(run(filtered, { uri: `/?q=${encodeURIComponent('JSON_EXTRACT (doc, "$.a")')}` }))).toEqual([1]);
  });

  it('answers as the regex alone on any value', () => {
    const alphabet = fc.constantFrom(...'"\'`[]{}-<>@?&|#$.()json_extract aZ'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }).map((chars) => chars.join('')), (value) => {
        const req = { uri: `/?q=${encodeURIComponent(value)}` };
        expect(ids(run(filtered, req))).toEqual(ids(run(plain, req)));
      }),
      { numRuns: 400 },
    );
  });
});
