/**
 * A non-validating XML parser standing in for libxml2 in ModSecurity v2's XML processor
 * (apache2/msc_xml.c). v2 adds no ARGS for XML (SecParseXmlIntoArgs is off by default); rules
 * read the document through XML:/xpath.
 *
 * Decisions:
 * - External entities are never loaded (v2 default, SecXmlExternalEntity Off): a reference to
 *   one expands to nothing.
 * - Internal general entities declared in the DOCTYPE are expanded as text (markup inside a
 *   replacement text stays literal text), with a nesting limit and an expansion budget; a loop
 *   or a budget overrun is a parse error, as libxml2's amplification guard makes it one.
 * - Text is returned as UTF-8 bytes (libxml2's internal form): a document declaring
 *   ISO-8859-1/Latin-1/US-ASCII is converted; any other must be valid UTF-8. UTF-16 documents
 *   are rejected.
 * - Line ends are normalised (\r\n and \r to \n); attribute values get XML's whitespace
 *   normalisation (literal \t, \n, \r become spaces).
 * - Errors give v2's messages: "XML parsing error: XML: Failed parsing document." while
 *   feeding the body, "XML parser error: ..." for a document that ends too early. An empty
 *   body is not parsed at all (v2 never creates the parser then): no document, no error.
 */
import type { BodyProcessor, BodyResult, XmlNode } from './types.js';

const MAX_ENTITY_DEPTH = 20;

class XmlError {
  constructor(readonly detail: string, readonly atEnd: boolean) {}
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** UTF-8 bytes of a code point, as a binary string. */
function utf8(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** Strict UTF-8 validity of a binary string (no overlongs, surrogates or values past U+10FFFF). */
function isValidUtf8(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min, cp] = [1, 0x80, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, min, cp] = [2, 0x800, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, min, cp] = [3, 0x10000, c & 0x07];
    else return false;
    if (i + need >= n) return false;
    for (let k = 1; k <= need; k++) {
      const d = s.charCodeAt(i + k);
      if ((d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** Latin-1 bytes to UTF-8 bytes. */
function latin1ToUtf8(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\x80-\xff]/.test(s) ? s.replace(/[\x80-\xff]/g, (ch) => utf8(ch.charCodeAt(0))) : s;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function textNode(text: string): XmlNode {
  return { type: 'text', name: '', text, attributes: [], children: [] };
}

class XmlParser {
  private pos = 0;
  private readonly n: number;
  /** Internal general entities; null marks an external one (expands to nothing). */
  private readonly entities = new Map<string, string | null>();
  /** Undeclared entities are only an error when the DTD is fully known (no external parts). */
  private dtdIncomplete = false;
  private budget: number;

  constructor(private readonly s: string) {
    this.n = s.length;
    this.budget = Math.max(100_000, 10 * s.length);
  }

  private fail(detail: string): never {
    throw new XmlError(detail, false);
  }

  private eof(what: string): never {
    throw new XmlError(`unexpected end of document in ${what}`, true);
  }

  private startsWith(lit: string): boolean {
    return this.s.startsWith(lit, this.pos);
  }

  private skipWs(): void {
    while (this.pos < this.n && isWs(this.s.charCodeAt(this.pos))) this.pos++;
  }

  private name(): string {
    const start = this.pos;
    if (this.pos >= this.n) this.eof('name');
    if (!isNameStart(this.s.charCodeAt(this.pos))) this.fail('name expected');
    this.pos++;
    while (this.pos < this.n && isNameChar(this.s.charCodeAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** Index of `lit` from the current position, or an end-of-document error. */
  private until(lit: string, what: string): number {
    const at = this.s.indexOf(lit, this.pos);
    if (at < 0) this.eof(what);
    return at;
  }

  parse(): XmlNode {
    this.prolog();
    if (this.pos >= this.n) this.eof('prolog (no root element)');
    if (this.s.charCodeAt(this.pos) !== 0x3c) this.fail('content before the root element');
    const root = this.element();
    this.misc();
    if (this.pos < this.n) this.fail('content after the root element');
    return root;
  }

  /** Comments, PIs and whitespace; stops at anything else. */
  private misc(): void {
    for (;;) {
      this.skipWs();
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<?')) this.pi();
      else return;
    }
  }

  private prolog(): void {
    if (this.startsWith('<?xml') && isWs(this.s.charCodeAt(this.pos + 5))) {
      const end = this.until('?>', 'XML declaration');
      this.pos = end + 2;
    }
    this.misc();
    if (this.startsWith('<!DOCTYPE')) {
      this.doctype();
      this.misc();
    }
  }

  private comment(): void {
    const end = this.until('-->', 'comment');
    this.pos = end + 3;
  }

  private pi(): void {
    const end = this.until('?>', 'processing instruction');
    this.pos = end + 2;
  }

  private quoted(what: string): string {
    const q = this.s[this.pos];
    if (q !== '"' && q !== "'") this.pos >= this.n ? this.eof(what) : this.fail(`quote expected in ${what}`);
    this.pos++;
    const end = this.until(q!, what);
    const v = this.s.slice(this.pos, end);
    this.pos = end + 1;
    return v;
  }

  private doctype(): void {
    this.pos += 9;
    this.skipWs();
    this.name();
    this.skipWs();
    if (this.startsWith('SYSTEM') || this.startsWith('PUBLIC')) {
      const isPublic = this.startsWith('PUBLIC');
      this.pos += 6;
      this.skipWs();
      this.quoted('DOCTYPE');
      if (isPublic) {
        this.skipWs();
        this.quoted('DOCTYPE');
      }
      this.dtdIncomplete = true;
      this.skipWs();
    }
    if (this.s[this.pos] === '[') {
      this.pos++;
      this.internalSubset();
      this.skipWs();
    }
    if (this.pos >= this.n) this.eof('DOCTYPE');
    if (this.s[this.pos] !== '>') this.fail('malformed DOCTYPE');
    this.pos++;
  }

  private internalSubset(): void {
    for (;;) {
      this.skipWs();
      if (this.pos >= this.n) this.eof('DOCTYPE internal subset');
      if (this.s[this.pos] === ']') {
        this.pos++;
        return;
      }
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<?')) this.pi();
      else if (this.startsWith('<!ENTITY')) this.entityDecl();
      else if (this.s[this.pos] === '%') {
        // A parameter-entity reference may pull in declarations we do not see.
        this.dtdIncomplete = true;
        const end = this.until(';', 'parameter entity reference');
        this.pos = end + 1;
      } else if (this.startsWith('<!')) {
        this.markupDecl();
      } else {
        this.fail('malformed DOCTYPE internal subset');
      }
    }
  }

  /** ELEMENT/ATTLIST/NOTATION declarations: skipped, honouring quoted strings. */
  private markupDecl(): void {
    this.pos += 2;
    while (this.pos < this.n) {
      const c = this.s[this.pos];
      if (c === '>') {
        this.pos++;
        return;
      }
      if (c === '"' || c === "'") this.quoted('markup declaration');
      else this.pos++;
    }
    this.eof('markup declaration');
  }

  private entityDecl(): void {
    this.pos += 8;
    this.skipWs();
    let parameter = false;
    if (this.s[this.pos] === '%') {
      parameter = true;
      this.pos++;
      this.skipWs();
    }
    const name = this.name();
    this.skipWs();
    let value: string | null;
    if (this.startsWith('SYSTEM') || this.startsWith('PUBLIC')) {
      const isPublic = this.startsWith('PUBLIC');
      this.pos += 6;
      this.skipWs();
      this.quoted('entity declaration');
      if (isPublic) {
        this.skipWs();
        this.quoted('entity declaration');
      }
      this.skipWs();
      if (this.startsWith('NDATA')) {
        this.pos += 5;
        this.skipWs();
        this.name();
      }
      value = null;
    } else {
      value = this.quoted('entity declaration');
    }
    this.skipWs();
    if (this.pos >= this.n) this.eof('entity declaration');
    if (this.s[this.pos] !== '>') this.fail('malformed entity declaration');
    this.pos++;
    if (parameter) {
      this.dtdIncomplete = true;
    } else if (!this.entities.has(name)) {
      // The first declaration wins.
      this.entities.set(name, value);
    }
  }

  /** Resolve `&...;` found in `text` at index `at`; returns [replacement, next index]. */
  private reference(text: string, at: number, depth: number, inAttribute: boolean): [string, number] {
    const semi = text.indexOf(';', at + 1);
    if (semi < 0) {
      if (text === this.s) this.eof('entity reference');
      this.fail('unterminated entity reference');
    }
    const ref = text.slice(at + 1, semi);
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? (/^[0-9a-fA-F]+$/.test(ref.slice(2)) ? parseInt(ref.slice(2), 16) : NaN)
        : /^[0-9]+$/.test(ref.slice(1)) ? parseInt(ref.slice(1), 10) : NaN;
      const valid = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
        (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
      if (!valid) this.fail(`invalid character reference &${ref};`);
      return [utf8(cp), semi + 1];
    }
    if (!/^[A-Za-z_:\x80-\xff][A-Za-z0-9_:.\x80-\xff-]*$/.test(ref)) this.fail('malformed entity reference');
    const predefined = PREDEFINED[ref];
    if (predefined !== undefined) return [predefined, semi + 1];
    if (!this.entities.has(ref)) {
      if (this.dtdIncomplete) return ['', semi + 1];
      this.fail(`entity '${ref}' not defined`);
    }
    const value = this.entities.get(ref);
    if (value === null || value === undefined) {
      if (inAttribute && value === null) this.fail(`external entity '${ref}' in attribute`);
      return ['', semi + 1];
    }
    if (depth >= MAX_ENTITY_DEPTH) this.fail('entity nesting too deep (loop?)');
    const expanded = this.expand(value, depth + 1, inAttribute);
    this.budget -= expanded.length;
    if (this.budget < 0) this.fail('entity expansion budget exceeded');
    return [expanded, semi + 1];
  }

  /** Replace references in a replacement text. */
  private expand(text: string, depth: number, inAttribute: boolean): string {
    if (text.indexOf('&') < 0) return text;
    const out: string[] = [];
    let start = 0;
    let i = text.indexOf('&');
    while (i >= 0) {
      out.push(text.slice(start, i));
      const [rep, next] = this.reference(text, i, depth, inAttribute);
      out.push(rep);
      start = next;
      i = text.indexOf('&', start);
    }
    out.push(text.slice(start));
    return out.join('');
  }

  private attributeValue(): string {
    const raw = this.quoted('attribute value');
    if (raw.indexOf('<') >= 0) this.fail("'<' in attribute value");
    // Literal whitespace is normalised to spaces before references are expanded.
    const normalised = raw.replace(/\r\n?|[\n\t]/g, ' ');
    return this.expand(normalised, 0, true);
  }

  private element(): XmlNode {
    this.pos++; // '<'
    const name = this.name();
    const node: XmlNode = { type: 'element', name, text: '', attributes: [], children: [] };
    const seen = new Set<string>();
    for (;;) {
      const hadWs = this.pos < this.n && isWs(this.s.charCodeAt(this.pos));
      this.skipWs();
      if (this.pos >= this.n) this.eof('start tag');
      const c = this.s[this.pos];
      if (c === '>') {
        this.pos++;
        break;
      }
      if (c === '/') {
        if (this.s[this.pos + 1] !== '>') this.pos + 1 >= this.n ? this.eof('start tag') : this.fail('malformed empty-element tag');
        this.pos += 2;
        return node;
      }
      if (!hadWs) this.fail('whitespace required between attributes');
      const attr = this.name();
      this.skipWs();
      if (this.pos >= this.n) this.eof('attribute');
      if (this.s[this.pos] !== '=') this.fail('attribute without value');
      this.pos++;
      this.skipWs();
      if (seen.has(attr)) this.fail(`attribute ${attr} redefined`);
      seen.add(attr);
      node.attributes.push([attr, this.attributeValue()]);
    }
    this.content(node);
    return node;
  }

  /** Element content up to and including the matching end tag. */
  private content(node: XmlNode): void {
    let text: string[] = [];
    const flush = (): void => {
      if (text.length === 0) return;
      const joined = text.join('');
      text = [];
      if (joined.length === 0) return;
      const last = node.children[node.children.length - 1];
      if (last && last.type === 'text') last.text += joined;
      else node.children.push(textNode(joined));
    };
    // Next '<' and '&' are cached so a long run of references is not rescanned (linear time).
    let lt = -2;
    let amp = -2;
    for (;;) {
      if (lt !== -1 && lt < this.pos) lt = this.s.indexOf('<', this.pos);
      if (amp !== -1 && amp < this.pos) amp = this.s.indexOf('&', this.pos);
      if (amp >= 0 && (lt < 0 || amp < lt)) {
        text.push(this.charData(this.s.slice(this.pos, amp)));
        const [rep, next] = this.reference(this.s, amp, 0, false);
        text.push(rep);
        this.pos = next;
        continue;
      }
      if (lt < 0) this.eof(`element ${node.name}`);
      text.push(this.charData(this.s.slice(this.pos, lt)));
      this.pos = lt;
      if (this.startsWith('</')) {
        this.pos += 2;
        const name = this.name();
        this.skipWs();
        if (this.pos >= this.n) this.eof('end tag');
        if (this.s[this.pos] !== '>') this.fail('malformed end tag');
        if (name !== node.name) this.fail(`opening and ending tag mismatch: ${node.name} and ${name}`);
        this.pos++;
        flush();
        return;
      }
      if (this.startsWith('<!--')) {
        this.comment();
      } else if (this.startsWith('<![CDATA[')) {
        const end = this.until(']]>', 'CDATA section');
        text.push(this.s.slice(this.pos + 9, end).replace(/\r\n?/g, '\n'));
        this.pos = end + 3;
      } else if (this.startsWith('<?')) {
        this.pi();
      } else if (this.startsWith('<!')) {
        this.fail('unexpected markup declaration in content');
      } else {
        if (this.pos + 1 >= this.n) this.eof('start tag');
        flush();
        node.children.push(this.element());
      }
    }
  }

  private charData(raw: string): string {
    if (raw.indexOf(']]>') >= 0) this.fail("']]>' in content");
    return raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  }
}

/** Encoding named in the XML declaration, lower-cased, or '' when none. */
function declaredEncoding(s: string): string {
  if (!s.startsWith('<?xml')) return '';
  const end = s.indexOf('?>');
  const decl = end < 0 ? s.slice(0, 200) : s.slice(0, end);
  const m = /\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(decl);
  return m ? m[1]!.toLowerCase() : '';
}

const LATIN1 = new Set(['iso-8859-1', 'latin1', 'latin-1', 'iso_8859-1', 'l1', 'us-ascii', 'ascii']);

export interface XmlParse {
  doc: XmlNode | null;
  error: string | null;
  /** Why the document was rejected (ModSecurity's message does not say). */
  detail?: string;
}

/** Parse an XML body. Never throws. */
export function parseXml(body: string): XmlParse {
  if (body.length === 0) return { doc: null, error: null };
  let text = body.startsWith('\xef\xbb\xbf') ? body.slice(3) : body;
  try {
    if (text.startsWith('\xfe\xff') || text.startsWith('\xff\xfe')) throw new XmlError('UTF-16 documents are not supported', false);
    // eslint-disable-next-line no-control-regex
    const bad = /[\x00-\x08\x0b\x0c\x0e-\x1f]/.exec(text);
    if (bad) throw new XmlError(`invalid character 0x${bad[0].charCodeAt(0).toString(16)}`, false);
    if (LATIN1.has(declaredEncoding(text))) text = latin1ToUtf8(text);
    else if (!isValidUtf8(text)) throw new XmlError('input is not proper UTF-8', false);
    return { doc: new XmlParser(text).parse(), error: null };
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    const prefix = e.atEnd ? 'XML parser error: ' : 'XML parsing error: ';
    return { doc: null, error: `${prefix}XML: Failed parsing document.`, detail: e.detail };
  }
}

/** Text content of a node: all descendant text concatenated (libxml2's xmlNodeGetContent). */
export function xmlTextContent(node: XmlNode): string {
  if (node.type === 'text') return node.text;
  const out: string[] = [];
  const stack: XmlNode[] = [node];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    if (cur.type === 'text') out.push(cur.text);
    else for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]!);
  }
  return out.join('');
}

export const xmlProcessor: BodyProcessor = {
  name: 'XML',
  parse(body): BodyResult {
    const { doc, error } = parseXml(body);
    if (error !== null) return { args: [], error, errorLog: error };
    return doc ? { args: [], error: null, xml: doc } : { args: [], error: null };
  },
};
