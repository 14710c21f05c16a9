import { describe, it, expect } from 'vitest';
import { applyTemplate, detectContentType, goRegExp, queryEscape, utf8Binary } from './gocompat.js';

describe('queryEscape (Go url.QueryEscape)', () => {
  it('keeps unreserved bytes, turns space into + and escapes the rest in upper hex', () => {
    expect(queryEscape('aZ09-_.~')).toBe('aZ09-_.~');
    expect(queryEscape("a b'<>/?&=+%")).toBe('a+b%27%3C%3E%2F%3F%26%3D%2B%25');
    expect(queryEscape(utf8Binary('é\x00'))).toBe('%C3%A9%00');
  });
});

describe('applyTemplate', () => {
  it('handles repeat in both argument orders, trim markers and escapes', () => {
    expect(applyTemplate('x{{ "a" | repeat 3 }}y')).toEqual({ ok: true, value: 'xaaay' });
    expect(applyTemplate('{{- repeat 2 "b\\"" -}}')).toEqual({ ok: true, value: 'b"b"' });
    expect(applyTemplate('no template')).toEqual({ ok: true, value: 'no template' });
    expect(applyTemplate('{{ .Foo }}').ok).toBe(false);
  });
});

describe('goRegExp', () => {
  it('translates leading flags, \\A, \\z, \\Q..\\E, named groups and POSIX classes', () => {
    expect(goRegExp('(?i)abc').test('xABCx')).toBe(true);
    expect(goRegExp('(?s)a.b').test('a\nb')).toBe(true);
    expect(goRegExp('a.b').test('a\nb')).toBe(false);
    expect(goRegExp('\\Aab\\z').test('ab')).toBe(true);
    expect(goRegExp('\\Aab\\z').test('abc')).toBe(false);
    expect(goRegExp('\\Q[a].*\\E$').test('x[a].*')).toBe(true);
    expect(goRegExp('(?P<n>\\d+)').exec('id 42')?.groups?.n).toBe('42');
    expect(goRegExp('^[[:digit:]]+$').test('123')).toBe(true);
    expect(goRegExp('\\[id "\\d+"\\]').test('[id "920100"]')).toBe(true);
  });

  it('matches non-ASCII pattern text against binary (UTF-8 byte) lines', () => {
    expect(goRegExp('é').test(utf8Binary('café'))).toBe(true);
  });

  it('refuses the ungreedy flag rather than misjudging', () => {
    expect(() => goRegExp('(?U)a+')).toThrow();
  });
});

describe('detectContentType (Go http.DetectContentType)', () => {
  const ct = (s: string): string => detectContentType(Buffer.from(s, 'latin1'));
  it('recognises HTML signatures after whitespace, case-insensitively, when tag-terminated', () => {
    expect(ct('  <html><body>')).toBe('text/html; charset=utf-8');
    expect(ct('<!doctype html>')).toBe('text/html; charset=utf-8');
    expect(ct('<p>x')).toBe('text/html; charset=utf-8');
    expect(ct('<pre>x')).toBe('text/plain; charset=utf-8');
  });
  it('recognises XML, PDF and images, else text or binary', () => {
    expect(ct('<?xml version="1.0"?><a/>')).toBe('text/xml; charset=utf-8');
    expect(ct('%PDF-1.4')).toBe('application/pdf');
    expect(ct('GIF89a....')).toBe('image/gif');
    expect(ct('plain text\n')).toBe('text/plain; charset=utf-8');
    expect(ct('bin\x00ary')).toBe('application/octet-stream');
    expect(ct('esc\x1bok')).toBe('text/plain; charset=utf-8');
  });
});
