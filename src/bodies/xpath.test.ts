import { describe, it, expect } from 'vitest';
import { compileXPath, evaluateXPath } from './xpath.js';
import { parseXml } from './xml.js';

const doc = parseXml('<r a="1"><x id="i1">one<y b="2">two</y></x><x>three</x><z:w xmlns:z="u">four</z:w></r>').doc!;

describe('evaluateXPath', () => {
  it('/* gives the text content of the root', () => {
    expect(evaluateXPath(doc, '/*')).toEqual(['onetwothreefour']);
  });
  it('//@* gives every attribute value in document order', () => {
    expect(evaluateXPath(doc, '//@*')).toEqual(['1', 'i1', '2', 'u']);
  });
  it('element paths, // and names with prefixes', () => {
    expect(evaluateXPath(doc, '/r/x')).toEqual(['onetwo', 'three']);
    expect(evaluateXPath(doc, '//y')).toEqual(['two']);
    expect(evaluateXPath(doc, 'r/x/y')).toEqual(['two']);
    expect(evaluateXPath(doc, '//z:w')).toEqual(['four']);
    expect(evaluateXPath(doc, '/r/*')).toEqual(['onetwo', 'three', 'four']);
    expect(evaluateXPath(doc, '//x//y')).toEqual(['two']);
    expect(evaluateXPath(doc, '//*').length).toBe(5);
    expect(evaluateXPath(doc, '/nope')).toEqual([]);
  });
  it('attributes and text()', () => {
    expect(evaluateXPath(doc, '/r/@a')).toEqual(['1']);
    expect(evaluateXPath(doc, '//x/@id')).toEqual(['i1']);
    expect(evaluateXPath(doc, '/r/x/text()')).toEqual(['one', 'three']);
    expect(evaluateXPath(doc, '//text()')).toEqual(['one', 'two', 'three', 'four']);
    expect(evaluateXPath(doc, '//y/..')).toEqual(['onetwo']);
  });
  it('rejects what it does not support at compile time', () => {
    for (const bad of ['', '/a[1]', 'count(//a)', '/a | /b', 'child::a', '/a/', '//']) {
      expect(() => compileXPath(bad), bad).toThrow();
    }
  });
});
