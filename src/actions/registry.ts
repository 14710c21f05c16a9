import type { ActionDefinition } from './types.js';
import accuracy from './accuracy.js';
import allow from './allow.js';
import append from './append.js';
import auditlog from './auditlog.js';
import block from './block.js';
import capture from './capture.js';
import chain from './chain.js';
import ctl from './ctl.js';
import deny from './deny.js';
import deprecatevar from './deprecatevar.js';
import drop from './drop.js';
import exec from './exec.js';
import expirevar from './expirevar.js';
import id from './id.js';
import initcol from './initcol.js';
import log from './log.js';
import logdata from './logdata.js';
import maturity from './maturity.js';
import msg from './msg.js';
import multiMatch from './multiMatch.js';
import noauditlog from './noauditlog.js';
import nolog from './nolog.js';
import pass from './pass.js';
import pause from './pause.js';
import phase from './phase.js';
import prepend from './prepend.js';
import proxy from './proxy.js';
import redirect from './redirect.js';
import rev from './rev.js';
import sanitiseArg from './sanitiseArg.js';
import sanitiseMatched from './sanitiseMatched.js';
import sanitiseMatchedBytes from './sanitiseMatchedBytes.js';
import sanitiseRequestHeader from './sanitiseRequestHeader.js';
import sanitiseResponseHeader from './sanitiseResponseHeader.js';
import setenv from './setenv.js';
import setrsc from './setrsc.js';
import setsid from './setsid.js';
import setuid from './setuid.js';
import setvar from './setvar.js';
import severity from './severity.js';
import skip from './skip.js';
import skipAfter from './skipAfter.js';
import status from './status.js';
import t from './t.js';
import tag from './tag.js';
import ver from './ver.js';
import xmlns from './xmlns.js';

const all: ActionDefinition[] = [
  accuracy, allow, append, auditlog, block, capture, chain, ctl, deny, deprecatevar, drop, exec,
  expirevar, id, initcol, log, logdata, maturity, msg, multiMatch, noauditlog, nolog, pass, pause,
  phase, prepend, proxy, redirect, rev, sanitiseArg, sanitiseMatched, sanitiseMatchedBytes,
  sanitiseRequestHeader, sanitiseResponseHeader, setenv, setrsc, setsid, setuid, setvar, severity,
  skip, skipAfter, status, t, tag, ver, xmlns,
];

/** Every action by lower-cased SecLang name. */
export const actions: ReadonlyMap<string, ActionDefinition> = new Map(all.map((a) => [a.name.toLowerCase(), a]));

export function getAction(name: string): ActionDefinition | undefined {
  return actions.get(name.toLowerCase());
}
