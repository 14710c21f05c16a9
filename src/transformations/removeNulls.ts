import type { TransformationDefinition } from './types.js';

export function removeNulls(value: string): string {
  return value.indexOf('\0') === -1 ? value : value.replaceAll('\0', '');
}

export default {
  name: 'removeNulls',
  acts: /[\0]/,
  create: () => removeNulls,
} satisfies TransformationDefinition;
