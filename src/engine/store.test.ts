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
});
