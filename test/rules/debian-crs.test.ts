import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, it, expect } from 'vitest';
import { Waf } from '../../src/index.js';
import { lint } from '../../src/cli/lint.js';
import { parseConfigFile } from '../../src/seclang/index.js';
import { run, ids, type TestRequest } from '../engine/helpers.js';

/**
 * Debian bookworm's packaged CRS 3.3.4 (`apt-get install modsecurity-crs`), loaded the way a
 * Debian user would (the conf next to the libmodsecurity peer in ../shared). CRS 3.3 needs
 * what CRS 4 does not: possessive quantifiers, lookaround and backreferences (JS fallback),
 * initcol/expirevar, @rbl and @geoLookup.
 */
const DEBIAN_CRS = '/usr/share/modsecurity-crs';
const CONF = fileURLToPath(new URL('../../../shared/peers/modsec/conf/debian-crs-3.3.4.conf', import.meta.url));
const missing = !existsSync(DEBIAN_CRS)
  ? `${DEBIAN_CRS} is absent (apt-get install modsecurity-crs)`
  : !existsSync(CONF)
    ? `${CONF} is absent (../shared not laid out)`
    : null;
if (missing) console.warn(`skipping Debian CRS 3.3.4 tests: ${missing}`);

/** libmodsecurity 3.0.9 reports 922 rules for this conf (modsec-eval --check). */
const LIBMODSECURITY_COUNT = 922;
/** libmodsecurity files each SecMarker into each of its 7 phase lists, and counts every copy. */
const LIBMODSECURITY_PHASES = 7;

const browser: Array<[string, string]> = [
  ['Host', 'www.example.test'],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'],
  ['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
  ['Accept-Language', 'en-GB,en;q=0.5'],
];
const form = (uri: string, body: string): TestRequest => ({
  method: 'POST',
  uri,
  headers: [...browser, ['Content-Type', 'application/x-www-form-urlencoded']],
  body,
});
const SQLI = encodeURIComponent("1' OR '1'='1' --");

describe.skipIf(missing !== null)('Debian CRS 3.3.4 (modsecurity-crs package)', () => {
  let waf: Waf;
  beforeAll(() => {
    waf = Waf.fromFileSync(CONF);
  });

  it('lints with 0 errors; the only warnings are @rbl, @geoLookup and JS-fallback @rx', () => {
    const out: string[] = [];
    expect(lint(CONF, (s) => out.push(s))).toBe(0);
    expect(out.at(-1)).toMatch(/ 0 errors$/);
    const kinds = new Set(waf.warnings.map((w) => w.message.split(':')[0]));
    expect([...kinds].sort()).toEqual(['geoLookup', 'rbl', 'rx']);
    expect(waf.warnings.filter((w) => w.message.startsWith('rx:')).every((w) => /JS fallback/.test(w.message))).toBe(true);
    expect(waf.config.ruleEngine).toBe('On');
  });

  it('counts chain starters: 642 rules, libmodsecurity 922 = 642 + 40 SecMarkers x 7 phases', async () => {
    const rules = waf.compiled.rules.length;
    expect(rules).toBe(642);
    const markers = parseConfigFile(CONF).directives.filter((d) => d.kind === 'SecMarker').length;
    expect(markers).toBe(40);
    expect(rules + markers * LIBMODSECURITY_PHASES).toBe(LIBMODSECURITY_COUNT);
    // Waf.fromFile (the async entry) loads the same set.
    expect((await Waf.fromFile(CONF)).compiled.rules.length).toBe(rules);
  });

  it('blocks a SQL injection in the query string with 403 from 949110', () => {
    const tx = run(waf, { uri: `/?id=${SQLI}`, headers: browser });
    expect(tx.intervention()).toMatchObject({ disruptive: true, status: 403, phase: 2, ruleId: 949110 });
    expect(ids(tx)).toContain(942100);
  });

  it('blocks the same SQL injection in a urlencoded POST form', () => {
    const tx = run(waf, form('/login', `user=admin&id=${SQLI}`));
    expect(tx.intervention()).toMatchObject({ disruptive: true, status: 403, phase: 2, ruleId: 949110 });
    expect(tx.matchedRules().find((m) => m.id === 942100)?.variable).toBe('ARGS:id');
  });

  it('lets ordinary requests through', () => {
    for (const r of [
      { uri: '/search?q=coffee+%26+tea&page=2', headers: browser },
      form('/contact', 'name=Zo%C3%AB&message=Order+%231234+is+late%2C+can+you+check%3F'),
    ]) {
      const tx = run(waf, r);
      expect(tx.intervention(), JSON.stringify(ids(tx))).toBeNull();
    }
  });
});
