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
});
