import type { TransformationDefinition } from './types.js';

export function replaceNulls(value: string): string {
  return value.indexOf('\0') === -1 ? value : value.replaceAll('\0', ' ');
}

export default {
  name: 'replaceNulls',
  acts: /[\0]/,
  create: () => replaceNulls,
} satisfies TransformationDefinition;
