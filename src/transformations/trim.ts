import type { TransformationDefinition } from './types.js';
import { trimLeft } from './trimLeft.js';
import { trimRight } from './trimRight.js';

export function trim(value: string): string {
  return trimRight(trimLeft(value));
}

export default {
  name: 'trim',
  acts: /[\t-\r ]/,
  create: () => trim,
} satisfies TransformationDefinition;
