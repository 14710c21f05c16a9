import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SecLangError } from './errors.js';
import { parseConfigFile } from './parser.js';

// Each bad-*.conf fixture names on its first line where parsing must fail:
// `# expect: [file:]line:column message`, file relative to the fixture directory.
const dir = fileURLToPath(new URL('../../test/seclang/fixtures/', import.meta.url));
const fixtures = readdirSync(dir).filter((f) => f.startsWith('bad-') && f.endsWith('.conf'));

function expectation(file: string) {
  const m = /^# expect: (?:(.+?):)?(\d+):(\d+) (.+)$/m.exec(readFileSync(path.join(dir, file), 'latin1'));
  if (!m) throw new Error(`${file} has no "# expect:" line`);
  return { file: path.join(dir, m[1] ?? file), line: Number(m[2]), column: Number(m[3]), message: m[4]! };
}

describe('malformed configuration files report file:line:column', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(20));

  it.each(fixtures)('%s', (file) => {
    const want = expectation(file);
    let err: unknown;
    try {
      parseConfigFile(path.join(dir, file));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SecLangError);
    const e = err as SecLangError;
    expect({ file: e.file, line: e.line, column: e.column }).toEqual({
      file: want.file,
      line: want.line,
      column: want.column,
    });
    expect(e.message).toContain(want.message);
    expect(e.message.startsWith(`${want.file}:${want.line}:${want.column}: `)).toBe(true);
  });
});
