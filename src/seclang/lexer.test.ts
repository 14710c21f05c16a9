import { describe, expect, it } from 'vitest';
import { splitDirectives } from './lexer.js';
import { LineIndex } from './source.js';

function split(text: string) {
  const lines = new LineIndex('t.conf', text);
  return splitDirectives(text, lines).map((d) => ({
    name: d.name,
    at: lines.position(d.at),
    args: d.args.map((a) => a.text),
    argPos: d.args.map((a) => a.pos(0)),
  }));
}
const names = (text: string) => split(text).map((d) => [d.name, ...d.args]);
const at = (line: number, column: number) => ({ file: 't.conf', line, column });

describe('splitDirectives', () => {
  it('splits lines into a name and blank-separated arguments', () => {
    expect(names('SecRuleEngine On\nSecResponseBodyMimeType text/plain  text/html\t\tapplication/json\n')).toEqual([
      ['SecRuleEngine', 'On'],
      ['SecResponseBodyMimeType', 'text/plain', 'text/html', 'application/json'],
    ]);
  });

  it('skips blank lines and whole-line comments, also indented ones', () => {
    expect(names('\n# comment "with quote\n   # indented\n\t\nSecMarker A\n#last')).toEqual([['SecMarker', 'A']]);
  });

  it('keeps # inside quoted and unquoted arguments', () => {
    expect(names('SecRule ARGS "@rx a#b" "msg:\'#1\'"\nSecArgumentSeparator #')).toEqual([
      ['SecRule', 'ARGS', '@rx a#b', "msg:'#1'"],
      ['SecArgumentSeparator', '#'],
    ]);
  });

  it('a comment does not continue onto the next line', () => {
    expect(names('# comment \\\nSecMarker A')).toEqual([['SecMarker', 'A']]);
  });

  it('joins continued lines, trailing blanks after the backslash tolerated', () => {
    expect(names('SecRule ARGS \\  \n   "@rx a" \\\t\r\n "id:1"\nSecMarker B')).toEqual([
      ['SecRule', 'ARGS', '@rx a', 'id:1'],
      ['SecMarker', 'B'],
    ]);
  });

  it('continues inside a quoted argument, keeping the next line as written', () => {
    expect(names('SecAction "id:1,\\\n    msg:\'a \\\n    b\'"')).toEqual([['SecAction', "id:1,    msg:'a     b'"]]);
  });

  it('turns \\" into " in a double-quoted argument and keeps other backslashes', () => {
    expect(names('SecRule ARGS "@rx \\"\\x5c\\\\d\\s"')).toEqual([['SecRule', 'ARGS', '@rx "\\x5c\\\\d\\s']]);
  });

  it("single quotes an argument too, with \\' for a quote", () => {
    expect(names("SecRule ARGS '@rx it\\'s \"x\"' 'id:1'")).toEqual([['SecRule', 'ARGS', '@rx it\'s "x"', 'id:1']]);
  });

  it('takes unquoted arguments verbatim, quotes in the middle included', () => {
    expect(names("SecMarker END_'X'\"Y\nSecRule ARGS:a\\b @rx")).toEqual([
      ['SecMarker', "END_'X'\"Y"],
      ['SecRule', 'ARGS:a\\b', '@rx'],
    ]);
  });

  it('reads empty quoted arguments', () => {
    expect(names('SecRule ARGS "" \'\'')).toEqual([['SecRule', 'ARGS', '', '']]);
  });

  it('handles CRLF line ends', () => {
    expect(names('SecMarker A\r\nSecRule ARGS "@rx a" \\\r\n  "id:1"\r\n')).toEqual([
      ['SecMarker', 'A'],
      ['SecRule', 'ARGS', '@rx a', 'id:1'],
    ]);
  });

  it('gives every argument its file position, also after continuations and escapes', () => {
    const [d] = split('  SecRule\tARGS \\\n  "@rx \\"a\\"" \\\n\t\'id:1\'');
    expect(d!.at).toEqual(at(1, 3));
    expect(d!.argPos).toEqual([at(1, 11), at(2, 4), at(3, 3)]);
  });

  it('maps characters inside a quoted argument to their own position', () => {
    const text = 'SecAction "a\\"b\\\n  cd"';
    const lines = new LineIndex('t.conf', text);
    const [d] = splitDirectives(text, lines);
    const arg = d!.args[0]!;
    expect(arg.text).toBe('a"b  cd');
    expect([0, 1, 2, 3, 5, 6, 7].map((i) => arg.pos(i))).toEqual([
      at(1, 12), // a
      at(1, 14), // " (the escaped quote itself, after its backslash)
      at(1, 15), // b
      at(2, 1), // the next line's indentation is kept
      at(2, 3), // c
      at(2, 4), // d
      at(2, 5), // closing quote: just after the last character
    ]);
  });

  it('parses a UTF-8 BOM at the start as blank', () => {
    expect(names('\xEF\xBB\xBFSecMarker A')).toEqual([['SecMarker', 'A']]);
  });
});
