import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConfigAst, SecRuleNode } from './ast.js';
import { parseConfigFile, parseConfigString } from './parser.js';

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const confDir = `${shared}peers/modsec/conf/`;
const hasShared = existsSync(`${confDir}crs-regression.conf`) && existsSync(`${shared}crs/rules`);

function count(ast: ConfigAst) {
  const kinds: Record<string, number> = {};
  for (const d of ast.directives) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
  return kinds;
}

describe.skipIf(!hasShared)('CRS 4.28 through the peer configurations (needs ../shared)', () => {
  it.each(['crs-regression.conf', 'crs-production.conf'])('parses %s completely and fast', (name) => {
    const start = performance.now();
    const ast = parseConfigFile(`${confDir}${name}`);
    const ms = performance.now() - start;
    expect(ms).toBeLessThan(1000);
    // main + modsecurity-base + crs-setup + 3 empty plugin files + 27 rule files
    expect(ast.files).toHaveLength(33);
    expect(ast.files.filter((f) => f.includes('/crs/rules/'))).toHaveLength(27);
    expect(count(ast)).toEqual({
      Config: 24,
      SecRule: 703,
      SecAction: 9,
      SecDefaultAction: 5,
      SecMarker: 30,
      SecRuleUpdateTarget: 55,
    });
    const crsRules = ast.directives.filter((d): d is SecRuleNode => d.kind === 'SecRule' && d.pos.file.includes('/crs/rules/'));
    expect(crsRules).toHaveLength(695);
    expect(crsRules.filter((r) => r.actions.some((a) => a.name === 'chain'))).toHaveLength(73);
    // Operator and regex-selector census of shared/notes/regex-and-toolchain.md §3.1.
    const ops: Record<string, number> = {};
    for (const r of crsRules) {
      const k = `${r.operator.negated ? '!' : ''}${r.operator.name}`;
      ops[k] = (ops[k] ?? 0) + 1;
    }
    expect(ops).toMatchObject({ rx: 297, '!rx': 21, lt: 189, eq: 49, ge: 42, pmFromFile: 20, pm: 10 });
    const regexSelectors = ast.directives
      .filter((d) => d.pos.file.includes('/crs/rules/'))
      .flatMap((d) => (d.kind === 'SecRule' || d.kind === 'SecRuleUpdateTarget' ? d.targets : []))
      .filter((t) => t.selectorIsRegex);
    expect(regexSelectors).toHaveLength(36);
  });

  // Uncomments `#SecAction \` ... blocks (and their `#`-prefixed continuation lines), skipping prose.
  function uncommentExamples(text: string): string {
    let continued = false;
    return text
      .split('\n')
      .map((line) => {
        if ((continued && line.startsWith('#')) || (/^#\s*Sec[A-Z]\w+\s/.test(line) && !line.includes('->'))) {
          const code = line.replace(/^#\s?/, '');
          continued = /\\\s*$/.test(code);
          return code;
        }
        continued = false;
        return line;
      })
      .join('\n');
  }

  it.each([
    ['crs-setup.conf.example', 43],
    ['rules/REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf.example', 8],
    ['rules/RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf.example', 11],
  ])('parses the commented-out examples of %s', (file, directives) => {
    const text = uncommentExamples(readFileSync(`${shared}crs/${file}`, 'latin1'));
    expect(parseConfigString(text, { file }).directives).toHaveLength(directives);
  });

  it('reads rule 942100 as written', () => {
    const ast = parseConfigFile(`${confDir}crs-regression.conf`);
    const rule = ast.directives.find(
      (d): d is SecRuleNode => d.kind === 'SecRule' && d.actions.some((a) => a.name === 'id' && a.value === '942100'),
    )!;
    expect(rule.operator).toMatchObject({ name: 'detectSQLi', param: '', negated: false });
    expect(rule.targets.map((t) => `${t.negated ? '!' : ''}${t.collection}${t.selector === null ? '' : `:${t.selector}`}`)).toEqual([
      'REQUEST_COOKIES',
      'REQUEST_COOKIES_NAMES',
      'REQUEST_HEADERS:User-Agent',
      'REQUEST_HEADERS:Referer',
      'ARGS_NAMES',
      'ARGS',
      'XML:/*',
      'XML://@*',
    ]);
    expect(rule.targets.every((t) => !t.selectorIsRegex)).toBe(true);
    expect(rule.pos.file).toMatch(/REQUEST-942-APPLICATION-ATTACK-SQLI\.conf$/);
    const msg = rule.actions.find((a) => a.name === 'msg')!;
    expect(msg.value).toBe('SQL Injection Attack Detected via libinjection');
    expect(msg.pos.line).toBeGreaterThan(rule.pos.line);
  });

  it('keeps the continued msg of the multipart body rule 200003 and its XML/JSON ctl actions', () => {
    const ast = parseConfigFile(`${confDir}crs-regression.conf`);
    const byId = (id: string) =>
      ast.directives.find((d): d is SecRuleNode => d.kind === 'SecRule' && d.actions.some((a) => a.name === 'id' && a.value === id))!;
    expect(byId('200003').actions.find((a) => a.name === 'msg')!.value).toMatch(/^Multipart request body failed strict validation: +PE %\{REQBODY_PROCESSOR_ERROR\}, +BQ/);
    expect(byId('200000').actions.find((a) => a.name === 'ctl')!.value).toBe('requestBodyProcessor=XML');
  });
});

describe.skipIf(!existsSync('/usr/share/modsecurity-crs/rules') || !existsSync('/etc/modsecurity/crs/crs-setup.conf'))(
  'Debian packaged CRS 3.3.4 (needs apt-get install modsecurity-crs; skipped when absent)',
  () => {
    it('parses debian-crs-3.3.4.conf', () => {
      const ast = parseConfigFile(`${confDir}debian-crs-3.3.4.conf`);
      expect(count(ast).SecRule).toBeGreaterThan(400);
    });
  },
);
