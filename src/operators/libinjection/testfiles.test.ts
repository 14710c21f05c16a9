import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectSQLi, detectXSS } from './index.js';
import { FLAG_QUOTE_NONE, FLAG_SQL_ANSI, SqliState, Token, cstr, fold, tokenize } from './sqli.js';
import { DATA_STATE, H5State, TOKEN_TYPE_NAMES } from './html5.js';

const testsDir = fileURLToPath(new URL('../../../../shared/libinjection/tests/', import.meta.url));
const present = existsSync(testsDir);

/** modp_rtrim of libinjection's test driver. */
function rtrim(s: string): string {
  return s.replace(/[ \n\t\r]+$/, '');
}

/** Splits a test file into its --INPUT-- and --EXPECTED-- sections, as testdriver.c reads it. */
function readCase(file: string): { input: string; expected: string } {
  const text = readFileSync(file, 'latin1');
  const lines = text.split(/(?<=\n)/);
  const parts: Record<string, string> = { test: '', input: '', expected: '' };
  let section = '';
  for (const line of lines) {
    if (section === '' && line === '--TEST--\n') section = 'test';
    else if (section === 'test' && line === '--INPUT--\n') section = 'input';
    else if (section === 'input' && line === '--EXPECTED--\n') section = 'expected';
    else parts[section] += line;
  }
  return { input: rtrim(parts.input!), expected: rtrim(parts.expected!) };
}

/** print_token of testdriver.c. */
function printToken(t: Token): string {
  let out = String.fromCharCode(t.type) + ' ';
  if (t.type === 0x73 || t.type === 0x76) {
    if (t.type === 0x76) out += '@'.repeat(t.count >= 2 ? 2 : t.count >= 1 ? 1 : 0);
    if (t.strOpen !== 0) out += String.fromCharCode(t.strOpen);
    out += cstr(t.val);
    if (t.strClose !== 0) out += String.fromCharCode(t.strClose);
  } else {
    out += cstr(t.val);
  }
  return out + '\n';
}

function runTokens(input: string): string {
  const sf = new SqliState();
  sf.init(input, FLAG_QUOTE_NONE | FLAG_SQL_ANSI);
  let out = '';
  while (tokenize(sf)) out += printToken(sf.current);
  return out;
}

function runFolding(input: string): string {
  const sf = new SqliState();
  sf.init(input, FLAG_QUOTE_NONE | FLAG_SQL_ANSI);
  const n = fold(sf);
  let out = '';
  for (let i = 0; i < n; i++) out += printToken(sf.tokenvec[i]!);
  return out;
}

function runSqli(input: string): string {
  const r = detectSQLi(input);
  return r.isInjection ? r.fingerprint : '';
}

function runHtml5(input: string): string {
  const h5 = new H5State();
  h5.init(input, DATA_STATE);
  let out = '';
  while (h5.next()) out += `${TOKEN_TYPE_NAMES[h5.tokenType]},${h5.tokenLen},${cstr(h5.token())}\n`;
  return out;
}

const runners: Record<string, (input: string) => string> = {
  'test-tokens-': runTokens,
  'test-folding-': runFolding,
  'test-sqli-': runSqli,
  'test-html5-': runHtml5,
  'test-xss-': (input) => (detectXSS(input) ? '1' : '0'),
};

describe.skipIf(!present)('libinjection test cases (../shared/libinjection/tests)', () => {
  const files = present ? readdirSync(testsDir).filter((f) => f.startsWith('test-') && f.endsWith('.txt')).sort() : [];
  for (const [prefix, run] of Object.entries(runners)) {
    const group = files.filter((f) => f.startsWith(prefix));
    if (group.length === 0) continue;
    describe(prefix.slice(5, -1), () => {
      it.each(group)('%s', (file) => {
        const { input, expected } = readCase(testsDir + file);
        expect(rtrim(run(input))).toBe(expected);
      });
    });
  }
  it('found the test files', () => {
    expect(files.length).toBeGreaterThan(400);
  });
});
if (!present) console.warn('libinjection tests skipped: ../shared/libinjection/tests not found');
