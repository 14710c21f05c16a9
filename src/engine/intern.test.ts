import { describe, expect, it } from 'vitest';
import { intern } from './intern.js';

describe('intern', () => {
  it('gives back the same text for any key, one after another (the scratch store is left empty)', () => {
    const body = `x=${'a'.repeat(100)}&token=0123456789abcdefghij&n=4294967294`;
    const keys = ['__proto__', 'constructor', '', '0', '007', '4294967294', '4294967295', 'toString', '\u00e9\ud800', body.slice(104, 130), body.slice(-10)];
    for (const k of keys) expect(intern(k)).toBe(k);
    expect(keys.map(intern)).toEqual(keys);
  });
});
