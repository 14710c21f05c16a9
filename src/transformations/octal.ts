import { isOctal } from './bytes.js';

/**
 * The octal escape reader shared by escapeSeqDecode and jsDecode: up to three octal digits
 * starting at `start` (the first one already known to be octal). Returns the digit count.
 */
export function octalDigits(s: string, start: number): number {
  let j = 1;
  while (j < 3 && start + j < s.length && isOctal(s.charCodeAt(start + j))) j++;
  return j;
}

export function octalValue(s: string, start: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) v = v * 8 + (s.charCodeAt(start + k) - 0x30);
  return v;
}
