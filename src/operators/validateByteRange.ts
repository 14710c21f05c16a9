import { atoi } from './support/numeric.js';
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
    let suspect = '\\u0100-\\uffff';
    for (let b = 0; b < 256; b++) if (!allowed[b]) suspect += `\\x${b.toString(16).padStart(2, '0')}`;
    const firstSuspect = new RegExp(`[${suspect}]`);
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
