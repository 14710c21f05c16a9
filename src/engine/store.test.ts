import { describe, expect, it } from 'vitest';
import { KeyedStore } from './store.js';

describe('KeyedStore', () => {
  it('keeps keys case-insensitive, in first-write order and case', () => {
    const s = new KeyedStore();
    s.set('Score', '1');
    s.set('other', 'x');
    s.set('SCORE', '2');
    expect(s.entries().map((e) => [e.key, e.value])).toEqual([['Score', '2'], ['other', 'x']]);
    expect(s.get('score')).toBe('2');
  });

  it('keeps the entry of a key set again to the same value, and replaces it on a change', () => {
    const s = new KeyedStore();
    s.set('0', '');
    const list = s.select('0');
    const all = s.entries();
    s.set('0', '');
    expect(s.select('0')).toBe(list);
    expect(s.entries()).toBe(all);
    s.set('0', 'a');
    expect(s.select('0')).not.toBe(list);
    expect(s.select('0')[0]!.value).toBe('a');
    expect(s.entries()).not.toBe(all);
  });

  it('selects by a key test what a filter of its entries selects, testing the copied keys once per template', () => {
    const template = new KeyedStore();
    for (const k of ['header_name_a', 'Level', 'header_name_b', 'score']) template.set(k, k.length.toString());
    const selector = {};
    const tested: string[] = [];
    const accepts = (_: object, key: string): boolean => (tested.push(key), key.toLowerCase().startsWith('header_name_'));
    const keys = (s: KeyedStore) => s.selectWhere(selector, accepts).map((e) => `${e.key}=${e.value}`);
    const expected = (s: KeyedStore) => s.entries().filter((e) => e.key.toLowerCase().startsWith('header_name_')).map((e) => `${e.key}=${e.value}`);
    for (let round = 0; round < 2; round++) {
      const s = new KeyedStore();
      s.copyFrom(template);
      s.set('header_name_b', 'new value');
      s.set('Header_Name_c', 'c');
      s.set('other', 'x');
      tested.length = 0;
      expect(keys(s)).toEqual(['header_name_a=13', 'header_name_b=new value', 'Header_Name_c=c']);
      expect(keys(s)).toEqual(expected(s));
      // the template's four keys are tested in the first round only; then the keys added since
      expect(tested).toEqual(round === 0 ? ['header_name_a', 'Level', 'header_name_b', 'score', 'Header_Name_c', 'other'] : ['Header_Name_c', 'other']);
      s.set('header_name_d', 'd');
      expect(keys(s)).toEqual(expected(s));
      s.delete('header_name_a');
      s.set('header_name_a', 'again');
      // a deleted key comes back last: the store's order, not the template's
      expect(keys(s)).toEqual(expected(s));
      expect(keys(s).at(-1)).toBe('header_name_a=again');
    }
  });

  it('copies another store, each then written on its own', () => {
    const template = new KeyedStore();
    template.set('Level', '1');
    template.set('score', '0');
    const a = new KeyedStore();
    const b = new KeyedStore();
    a.copyFrom(template);
    a.set('score', '5');
    a.set('new', 'x');
    b.copyFrom(template);
    expect(a.entries().map((e) => [e.key, e.value])).toEqual([['Level', '1'], ['score', '5'], ['new', 'x']]);
    expect(b.entries().map((e) => [e.key, e.value])).toEqual([['Level', '1'], ['score', '0']]);
    template.delete('level');
    template.set('Other', '2');
    b.copyFrom(template);
    expect(b.entries().map((e) => [e.key, e.value])).toEqual([['score', '0'], ['Other', '2']]);
    expect(b.get('LEVEL')).toBeUndefined();
  });

  it('reads a copy through the template until a copied key is deleted, with the same order, size and lists', () => {
    const template = new KeyedStore();
    for (const k of ['A', 'b', 'C']) template.set(k, k);
    const copy = new KeyedStore();
    copy.copyFrom(template);
    expect(copy.select('a')).toBe(template.select('a')); // shared, not copied
    copy.set('b', 'B2');
    copy.set('D', 'd');
    expect([copy.size, copy.has('c'), copy.has('x'), copy.get('B')]).toEqual([4, true, false, 'B2']);
    // a copy of the copy sees its writes, in its order
    const second = new KeyedStore();
    second.copyFrom(copy);
    second.set('e', 'e');
    expect(second.entries().map((e) => `${e.key}=${e.value}`)).toEqual(['A=A', 'b=B2', 'C=C', 'D=d', 'e=e']);
    copy.delete('a');
    copy.set('a', 'again');
    expect(copy.entries().map((e) => `${e.key}=${e.value}`)).toEqual(['b=B2', 'C=C', 'D=d', 'a=again']);
    expect([copy.size, copy.select('c')[0]!.value]).toEqual([4, 'C']);
    // the template and the second copy are untouched
    expect(template.entries().map((e) => `${e.key}=${e.value}`)).toEqual(['A=A', 'b=b', 'C=C']);
    expect(second.get('a')).toBe('A');
    second.delete('D');
    expect([second.size, second.get('d'), second.entries().map((e) => e.key).join()]).toEqual([4, undefined, 'A,b,C,e']);
  });
});
