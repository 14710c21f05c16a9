import type { TransformationDefinition } from './types.js';

export function length(value: string): string {
  return String(value.length);
}

export default {
  name: 'length',
  create: () => length,
} satisfies TransformationDefinition;
