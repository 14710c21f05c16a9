import type { ActionDefinition } from './types.js';

/** `tag:'...'`: a tag of the rule (several allowed), used by ctl:ruleRemoveByTag and logs. */
export default {
  name: 'tag',
  compile(value, ctx) {
    ctx.rule.tags.push(value ?? '');
  },
} satisfies ActionDefinition;
