import { describe, it, expect } from 'vitest';
import { parseXml, xmlTextContent, xmlProcessor } from './xml.js';

const limits = { jsonDepthLimit: 10000, argumentsLimit: 1000, argumentSeparator: '&' };
const FAIL = 'XML parsing error: XML: Failed parsing document.';
const FAIL_END = 'XML parser error: XML: Failed parsing document.';

describe('parseXml', () => {
  it('builds the element tree with attributes and text', () => {
    const { doc, error } = parseXml('<?xml version="1.0"?>\n<!-- c --><a x="1" y=\'2\'><b>hi</b> <c/>t&amp;&#65;&#x42;<![CDATA[<raw>]]></a>\n');
    expect(error).toBeNull();
    expect(doc!.name).toBe('a');
    expect(doc!.attributes).toEqual([['x', '1'], ['y', '2']]);
    expect(doc!.children.map((c) => c.type + ':' + (c.name || c.text))).toEqual(['element:b', 'text: ', 'element:c', 'text:t&AB<raw>']);
    expect(xmlTextContent(doc!)).toBe('hi t&AB<raw>');
  });
  it('normalises line ends and attribute whitespace', () => {
    const { doc } = parseXml('<a v="x\ty\r\nz&#10;">1\r\n2\r3</a>');
    expect(doc!.attributes[0]![1]).toBe('x y z\n');
    expect(xmlTextContent(doc!)).toBe('1\n2\n3');
  });
  it('expands internal entities, never external ones', () => {
    const { doc, error } = parseXml('<!DOCTYPE a [<!ENTITY i "in&amp;side"><!ENTITY e SYSTEM "file:///etc/passwd">]><a>&i;|&e;</a>');
    expect(error).toBeNull();
    expect(xmlTextContent(doc!)).toBe('in&side|');
  });
  it('rejects entity loops and billion laughs', () => {
    expect(parseXml('<!DOCTYPE a [<!ENTITY x "&y;"><!ENTITY y "&x;">]><a>&x;</a>').error).toBe(FAIL);
    let dtd = '<!ENTITY l0 "lollollollollollollollollollol">';
    for (let i = 1; i < 10; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
    const t0 = Date.now();
    expect(parseXml(`<!DOCTYPE a [${dtd}]><a>&l9;</a>`).error).toBe(FAIL);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it('converts a Latin-1 document to UTF-8 and checks UTF-8 otherwise', () => {
    expect(xmlTextContent(parseXml('<?xml version="1.0" encoding="ISO-8859-1"?><a>\xe9</a>').doc!)).toBe('\xc3\xa9');
    expect(xmlTextContent(parseXml('<a>\xc3\xa9</a>').doc!)).toBe('\xc3\xa9');
    expect(parseXml('<a>\xe9</a>').error).toBe(FAIL);
  });
  const bad: Array<[string, string]> = [
    ['<a><b></a>', FAIL],
    ['<a></a><b/>', FAIL],
    ['text<a/>', FAIL],
    ['<a x="1" x="2"/>', FAIL],
    ['<a x=1/>', FAIL],
    ['<a>&undefined;</a>', FAIL],
    ['<a>\x01</a>', FAIL],
    ['<a>&#0;</a>', FAIL],
    ['<a x="<"/>', FAIL],
    ['<a><b>', FAIL_END],
    ['<a', FAIL_END],
    ['   ', FAIL_END],
  ];
  for (const [body, msg] of bad) {
    it(`rejects ${JSON.stringify(body)}`, () => expect(parseXml(body).error).toBe(msg));
  }
  it('an empty body is not parsed (no document, no error)', () => {
    expect(xmlProcessor.parse('', 'text/xml', limits)).toEqual({ args: [], error: null });
  });
  it('processor adds no ARGS and exposes the document', () => {
    const r = xmlProcessor.parse('<a>1</a>', 'text/xml', limits);
    expect(r.args).toEqual([]);
    expect(r.xml?.name).toBe('a');
  });
});
