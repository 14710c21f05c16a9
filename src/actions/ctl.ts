import type { ActionDefinition } from './types.js';
import { requireValue } from './types.js';
import type { RuntimeAction } from '../compiler/program.js';
import { parseIdRanges } from '../compiler/id-ranges.js';
import { textMatcher } from '../compiler/text-matcher.js';
import { RuleSelection } from '../engine/rule-selection.js';

const ENGINE_MODES: Record<string, 'On' | 'Off' | 'DetectionOnly'> = {
  on: 'On',
  off: 'Off',
  detectiononly: 'DetectionOnly',
};
const BODY_PROCESSORS = new Set(['URLENCODED', 'MULTIPART', 'JSON', 'XML']);

function onOff(option: string, v: string): boolean {
  const l = v.toLowerCase();
  if (l !== 'on' && l !== 'off') throw new Error(`ctl:${option} expects On or Off, got '${v}'`);
  return l === 'on';
}

function split(option: string, v: string): [string, string] {
  const semi = v.indexOf(';');
  if (semi <= 0) throw new Error(`ctl:${option} expects selector;TARGET, got '${v}'`);
  return [v.slice(0, semi), v.slice(semi + 1)];
}

/**
 * `ctl:option=value`: changes the configuration of this transaction only. Every option is parsed
 * and checked at load time; the runtime part only flips transaction state.
 */
export default {
  name: 'ctl',
  compile(value, ctx): RuntimeAction {
    const text = requireValue('ctl', value);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new Error(`ctl: expected option=value, got '${text}'`);
    const option = text.slice(0, eq).trim();
    const arg = text.slice(eq + 1).trim();
    const run = (fn: RuntimeAction['run']): RuntimeAction => ({ name: `ctl:${option}`, run: fn });
    switch (option.toLowerCase()) {
      case 'ruleengine': {
        const mode = ENGINE_MODES[arg.toLowerCase()];
        if (!mode) throw new Error(`ctl:ruleEngine expects On, Off or DetectionOnly, got '${arg}'`);
        return run((tx) => { tx.ruleEngine = mode; });
      }
      case 'ruleremovebyid': {
        const ranges = parseIdRanges(arg);
        const selection = new RuleSelection((rule) => ranges.has(rule.id));
        return { ...run((tx) => tx.removeRules(selection)), removal: { selection, collection: null } };
      }
      case 'ruleremovebytag': {
        const matches = textMatcher(arg);
        const selection = new RuleSelection((rule) => rule.tags.some(matches));
        return { ...run((tx) => tx.removeRules(selection)), removal: { selection, collection: null } };
      }
      case 'ruleremovebymsg': {
        const matches = textMatcher(arg);
        const selection = new RuleSelection((rule) => rule.msg?.constant != null && matches(rule.msg.constant));
        return { ...run((tx) => tx.removeRules(selection)), removal: { selection, collection: null } };
      }
      case 'ruleremovetargetbyid': {
        const [ids, target] = split(option, arg);
        const ranges = parseIdRanges(ids);
        const exclusion = ctx.exclusion(target);
        const selection = new RuleSelection((rule) => ranges.has(rule.id));
        return { ...run((tx) => tx.removeTarget(selection, exclusion)), removal: { selection, collection: exclusion.collection } };
      }
      case 'ruleremovetargetbytag': {
        const [tag, target] = split(option, arg);
        const matches = textMatcher(tag);
        const exclusion = ctx.exclusion(target);
        const selection = new RuleSelection((rule) => rule.tags.some(matches));
        return { ...run((tx) => tx.removeTarget(selection, exclusion)), removal: { selection, collection: exclusion.collection } };
      }
      case 'ruleremovetargetbymsg': {
        const [msg, target] = split(option, arg);
        const matches = textMatcher(msg);
        const exclusion = ctx.exclusion(target);
        const selection = new RuleSelection((rule) => rule.msg?.constant != null && matches(rule.msg.constant));
        return { ...run((tx) => tx.removeTarget(selection, exclusion)), removal: { selection, collection: exclusion.collection } };
      }
      case 'requestbodyprocessor': {
        const name = arg.toUpperCase();
        if (!BODY_PROCESSORS.has(name)) throw new Error(`ctl:requestBodyProcessor: unknown processor '${arg}'`);
        return run((tx) => { tx.reqbodyProcessor = name; });
      }
      case 'requestbodyaccess': {
        const on = onOff(option, arg);
        return run((tx) => { tx.requestBodyAccess = on; });
      }
      case 'forcerequestbodyvariable': {
        const on = onOff(option, arg);
        return run((tx) => { tx.forceRequestBodyVariable = on; });
      }
      case 'responsebodyaccess': {
        const on = onOff(option, arg);
        return run((tx) => { tx.responseBodyAccess = on; });
      }
      case 'requestbodylimit':
      case 'responsebodylimit': {
        const n = Number(arg);
        if (!Number.isInteger(n) || n < 0) throw new Error(`ctl:${option} expects a byte count, got '${arg}'`);
        const request = option.toLowerCase() === 'requestbodylimit';
        return run((tx) => {
          if (request) tx.limits.requestBodyLimit = n;
          else tx.limits.responseBodyLimit = n;
        });
      }
      case 'auditengine': {
        const mode = { on: 'On', off: 'Off', relevantonly: 'RelevantOnly' }[arg.toLowerCase()] as 'On' | 'Off' | 'RelevantOnly' | undefined;
        if (!mode) throw new Error(`ctl:auditEngine expects On, Off or RelevantOnly, got '${arg}'`);
        return run((tx) => { tx.auditEngine = mode; });
      }
      case 'auditlogparts': {
        if (!/^[+-]?[A-KZ]+$/.test(arg)) throw new Error(`ctl:auditLogParts: invalid parts '${arg}'`);
        return run((tx) => tx.setAuditLogParts(arg));
      }
      case 'debugloglevel':
      case 'hashengine':
      case 'hashenforcement':
        ctx.warn(`ctl:${option} has no effect in portcullis`);
        return run(() => {});
      default:
        throw new Error(`ctl: unknown option '${option}'`);
    }
  },
} satisfies ActionDefinition;
