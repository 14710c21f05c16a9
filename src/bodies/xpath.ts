/**
 * The XPath subset rules use for XML:xpath targets, evaluated like ModSecurity v2 does with
 * libxml2: each node of the resulting node-set gives its text content (an element: all
 * descendant text concatenated; an attribute: its value; a text node: its text).
 *
 * Supported: absolute and relative location paths of steps separated by `/` or `//`, where a
 * step is `*`, a name (prefix kept literally, no namespace resolution), `@*`, `@name`,
 * `text()`, `node()`, `.` or `..`. The context node of a relative path is the document.
 * Anything else (predicates, functions, axes, unions) is rejected by compileXPath.
 */
import type { XmlNode } from './types.js';
import { xmlTextContent } from './xml.js';

type Test =
  | { kind: 'element'; name: string | null } // null: `*`
  | { kind: 'attribute'; name: string | null }
  | { kind: 'text' }
  | { kind: 'node' }
  | { kind: 'self' }
  | { kind: 'parent' };

interface Step {
  /** `//` before the step: descendant-or-self::node() first. */
  descendant: boolean;
  test: Test;
}

/** A node-set member: a tree node, or an attribute of an element. */
type Item = XmlNode | { owner: XmlNode; index: number };

const NAME = /^[A-Za-z_\x80-\xff][A-Za-z0-9_.\x80-\xff-]*(?::[A-Za-z_\x80-\xff][A-Za-z0-9_.\x80-\xff-]*)?$/;

function parseStep(text: string, expr: string): Test {
  if (text === '*') return { kind: 'element', name: null };
  if (text === '@*') return { kind: 'attribute', name: null };
  if (text === 'text()') return { kind: 'text' };
  if (text === 'node()') return { kind: 'node' };
  if (text === '.') return { kind: 'self' };
  if (text === '..') return { kind: 'parent' };
  if (text.startsWith('@') && NAME.test(text.slice(1))) return { kind: 'attribute', name: text.slice(1) };
  if (NAME.test(text)) return { kind: 'element', name: text };
  throw new Error(`Unsupported XPath expression: ${expr}`);
}

/** Steps of an absolute or relative path (both start at the document node). */
function parse(expr: string): Step[] {
  const e = expr.trim();
  if (e.length === 0) throw new Error('Empty XPath expression');
  const steps: Step[] = [];
  let descendant = e.startsWith('//');
  let i = descendant ? 2 : e.startsWith('/') ? 1 : 0;
  if (i === e.length) {
    // `/` alone selects the document node.
    if (e === '/') return steps;
    throw new Error(`Unsupported XPath expression: ${expr}`);
  }
  for (;;) {
    const slash = e.indexOf('/', i);
    const text = e.slice(i, slash < 0 ? e.length : slash);
    steps.push({ descendant, test: parseStep(text, expr) });
    if (slash < 0) break;
    descendant = e[slash + 1] === '/';
    i = slash + (descendant ? 2 : 1);
    if (i >= e.length) throw new Error(`Unsupported XPath expression: ${expr}`);
  }
  return steps;
}

/** Per-document bookkeeping: the document node, parents and document order. */
interface DocIndex {
  docNode: XmlNode;
  parent: Map<XmlNode, XmlNode>;
  order: Map<XmlNode, number>;
}

const indexes = new WeakMap<XmlNode, DocIndex>();

function indexOf(root: XmlNode): DocIndex {
  let idx = indexes.get(root);
  if (idx) return idx;
  const docNode: XmlNode = { type: 'element', name: '', text: '', attributes: [], children: [root] };
  const parent = new Map<XmlNode, XmlNode>();
  const order = new Map<XmlNode, number>();
  const stack: XmlNode[] = [docNode];
  let n = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.set(node, n++);
    for (let k = node.children.length - 1; k >= 0; k--) {
      const child = node.children[k]!;
      parent.set(child, node);
      stack.push(child);
    }
  }
  idx = { docNode, parent, order };
  indexes.set(root, idx);
  return idx;
}

function isAttr(item: Item): item is { owner: XmlNode; index: number } {
  return 'owner' in item;
}

/** Every node of the subtree, the node itself first, in document order. */
function subtree(node: XmlNode, out: XmlNode[]): void {
  const stack: XmlNode[] = [node];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    out.push(cur);
    for (let k = cur.children.length - 1; k >= 0; k--) stack.push(cur.children[k]!);
  }
}

function applyTest(context: XmlNode, test: Test, idx: DocIndex, out: Item[]): void {
  switch (test.kind) {
    case 'element':
      for (const c of context.children) if (c.type === 'element' && (test.name === null || c.name === test.name)) out.push(c);
      return;
    case 'text':
      for (const c of context.children) if (c.type === 'text') out.push(c);
      return;
    case 'node':
      for (const c of context.children) out.push(c);
      return;
    case 'attribute':
      context.attributes.forEach(([name], index) => {
        if (test.name === null || name === test.name) out.push({ owner: context, index });
      });
      return;
    case 'self':
      out.push(context);
      return;
    case 'parent': {
      const p = idx.parent.get(context);
      if (p) out.push(p);
    }
  }
}

/** Deduplicate a node-set and put it in document order (attributes after their element). */
function normalise(items: Item[], idx: DocIndex): Item[] {
  const seen = new Set<XmlNode>();
  const attrSeen = new Set<string>();
  const unique: Item[] = [];
  for (const it of items) {
    if (isAttr(it)) {
      const key = `${idx.order.get(it.owner)}:${it.index}`;
      if (attrSeen.has(key)) continue;
      attrSeen.add(key);
    } else {
      if (seen.has(it)) continue;
      seen.add(it);
    }
    unique.push(it);
  }
  const rank = (it: Item): number => (isAttr(it) ? idx.order.get(it.owner)! + (it.index + 1) / (it.owner.attributes.length + 1) : idx.order.get(it)!);
  return unique.sort((a, b) => rank(a) - rank(b));
}

/** Compile an expression; throws on an unsupported one so rules can be rejected at load time. */
export function compileXPath(expr: string): (doc: XmlNode) => string[] {
  const steps = parse(expr);
  return (doc) => {
    const idx = indexOf(doc);
    let current: Item[] = [idx.docNode];
    for (const step of steps) {
      const next: Item[] = [];
      for (const ctx of current) {
        if (isAttr(ctx)) continue; // attributes have no children
        if (step.descendant) {
          const all: XmlNode[] = [];
          subtree(ctx, all);
          for (const node of all) applyTest(node, step.test, idx, next);
        } else {
          applyTest(ctx, step.test, idx, next);
        }
      }
      current = normalise(next, idx);
    }
    return current.map((it) => (isAttr(it) ? it.owner.attributes[it.index]![1] : it === idx.docNode ? xmlTextContent(doc) : xmlTextContent(it)));
  };
}

/** Evaluate an expression against a parsed document. */
export function evaluateXPath(doc: XmlNode, expr: string): string[] {
  return compileXPath(expr)(doc);
}
