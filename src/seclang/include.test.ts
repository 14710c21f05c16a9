import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecMarkerNode } from './ast.js';
import { SecLangError } from './errors.js';
import { parseConfigFile, parseConfigString } from './parser.js';

let root = '';
const write = (rel: string, text: string) => {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const labels = (ast: { directives: { kind: string }[] }) =>
  ast.directives.filter((d): d is SecMarkerNode => d.kind === 'SecMarker').map((d) => d.label);

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'seclang-include-'));
  write('rules/b.conf', 'SecMarker B\n');
  write('rules/a.conf', 'SecMarker A\n');
  write('rules/c.conf.example', 'SecMarker C_EXAMPLE\n');
  write('rules/.hidden.conf', 'SecMarker HIDDEN\n');
  write('rules/sub/d.conf', 'SecMarker D\nInclude ../a.conf\n');
  write('plugins/x-before.conf', 'SecMarker X_BEFORE\n');
  write('plugins/x-after.conf', 'SecMarker X_AFTER\n');
  write('p1/dir/e.conf', 'SecMarker E1\n');
  write('p2/dir/e.conf', 'SecMarker E2\n');
  write('spaced dir/f.conf', 'SecMarker F\n');
  write('self.conf', 'SecMarker SELF\nInclude self.conf\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Include', () => {
  it('expands in place, relative to the including file, globs sorted', () => {
    const main = write('main.conf', 'SecMarker START\nInclude rules/*.conf\nSecMarker END\n');
    const ast = parseConfigFile(main);
    expect(labels(ast)).toEqual(['START', 'A', 'B', 'END']);
    expect(ast.files).toEqual([main, path.join(root, 'rules/a.conf'), path.join(root, 'rules/b.conf')]);
    expect(ast.directives[1]!.pos).toEqual({ file: path.join(root, 'rules/a.conf'), line: 1, column: 1 });
  });

  it('resolves nested includes against their own directory', () => {
    expect(labels(parseConfigFile(write('nested.conf', 'Include rules/sub/d.conf\n')))).toEqual(['D', 'A']);
  });

  it('supports ? and globs in directory components', () => {
    expect(labels(parseConfigFile(write('q.conf', 'Include rules/?.conf\nInclude p*/dir/e.conf\n')))).toEqual(['A', 'B', 'E1', 'E2']);
  });

  it('matches plugin patterns like CRS does', () => {
    const ast = parseConfigFile(write('plug.conf', 'Include plugins/*-before.conf\nInclude plugins/*-after.conf\n'));
    expect(labels(ast)).toEqual(['X_BEFORE', 'X_AFTER']);
  });

  it('rejects an Include glob that matches nothing (as Apache and libmodsecurity do), with its position', () => {
    expect(() => parseConfigFile(write('none.conf', 'SecMarker A\nInclude rules/*.nomatch\n'))).toThrow(/none\.conf:2:9: Include matches no file: rules\/\*\.nomatch/);
  });

  it('accepts an IncludeOptional glob that matches nothing', () => {
    expect(labels(parseConfigFile(write('none-opt.conf', 'IncludeOptional nothing/*.conf\nIncludeOptional rules/*.nomatch\nSecMarker Z\n')))).toEqual(['Z']);
  });

  it('includes every file of a named directory', () => {
    expect(labels(parseConfigFile(write('dir.conf', 'Include p1/dir\n')))).toEqual(['E1']);
  });

  it('accepts quoted paths with spaces and absolute paths', () => {
    const abs = path.join(root, 'rules/a.conf');
    expect(labels(parseConfigFile(write('quoted.conf', `Include "spaced dir/f.conf"\nInclude ${abs}\n`)))).toEqual(['F', 'A']);
  });

  it('IncludeOptional skips a missing file; Include rejects it at the path', () => {
    expect(labels(parseConfigFile(write('opt.conf', 'IncludeOptional missing.conf\nSecMarker Y\n')))).toEqual(['Y']);
    const main = write('needs-missing.conf', 'SecMarker Y\n  Include  missing.conf\n');
    expect(() => parseConfigFile(main)).toThrow(SecLangError);
    expect(() => parseConfigFile(main)).toThrow(`${main}:2:12: Include file not found: ${path.join(root, 'missing.conf')}`);
  });

  it('rejects a file that includes itself, also through a symlink', () => {
    const self = path.join(root, 'self.conf');
    expect(() => parseConfigFile(self)).toThrow(`${self}:2:9: Include cycle: ${self} -> ${self}`);
    symlinkSync(self, path.join(root, 'link.conf'));
    expect(() => parseConfigFile(write('vialink.conf', 'Include link.conf\n'))).toThrow(/Include cycle/);
  });

  it('allows the same file twice when it is not a cycle', () => {
    expect(labels(parseConfigFile(write('twice.conf', 'Include rules/a.conf\nInclude rules/a.conf\n')))).toEqual(['A', 'A']);
  });

  it('resolves includes of a string against baseDir', () => {
    expect(labels(parseConfigString('Include rules/b.conf', { baseDir: root }))).toEqual(['B']);
    expect(labels(parseConfigString('Include b.conf', { file: path.join(root, 'rules/virtual.conf') }))).toEqual(['B']);
  });
});
