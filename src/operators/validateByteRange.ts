import { atoi } from './support/numeric.js';
import { byteClass } from '../transformations/bytes.js';
import type { OperatorDefinition } from './types.js';

/**
 * @validateByteRange: matches when the value holds a byte outside the allowed set, given as
 * comma-separated values and ranges (`9,10,13,32-126`). An empty parameter allows nothing.
 */
export default {
  name: 'validateByteRange',
  create(param) {
    const allowed = new Uint8Array(256);
    for (const item of param.split(',')) {
      if (item === '') continue;
      const dash = item.indexOf('-');
      const start = atoi(dash < 0 ? item : item.slice(0, dash));
      const end = dash < 0 ? start : atoi(item.slice(dash + 1));
      if (start < 0 || start > 255 || end < 0 || end > 255 || start > end) {
        throw new Error(`validateByteRange: invalid range ${JSON.stringify(item)}`);
      }
      allowed.fill(1, start, end + 1);
    }
    // A native scan finds the first char that may be refused: a refused byte, or a char beyond a
    // byte (judged by its low byte, in the loop).
    const firstSuspect = byteClass((b) => allowed[b] === 0, true)!;
    return {
      evaluate(value) {
        const from = value.search(firstSuspect);
        if (from === -1) return false;
        for (let i = from; i < value.length; i++) if (!allowed[value.charCodeAt(i) & 0xff]) return true;
        return false;
      },
    };
  },
} satisfies OperatorDefinition;
