import type { CompiledTarget, FoldedOutcome, Rule, TargetExclusion, KeySelector, TransformChain, TxPreset } from '../compiler/program.js';
import type { EngineConfig, RuleEngineMode, AuditEngineMode } from '../compiler/config.js';
import type { MacroScope, MatchContext } from '../operators/types.js';
import type { Entry } from '../variables/types.js';
import { NO_ENTRIES } from '../variables/types.js';
import { namesOfEntries } from '../variables/derive.js';
import { getVariable } from '../variables/registry.js';
import type { MultipartResult, XmlNode } from '../bodies/types.js';
import { bodyProcessors } from '../bodies/registry.js';
import { parseUrlEncoded } from '../bodies/urlencoded.js';
import { xmlTextContent } from '../bodies/xml.js';
import { KeyedStore } from './store.js';
import { BodyBuffer } from './body-buffer.js';
import type { PersistentRecord } from './persistence.js';
import { parseCookies, parseRequestTarget } from './request-line.js';
import { formatLogLine, type LogContext } from './log-line.js';
import { NO_HITS, hasHit, unionHits, type AnswerScope, type Hits, type SetGroup } from '../compiler/passes/hits.js';
import type { ScanMemo } from '../compiler/passes/literal-filter.js';
import { MEMO_VALUE_LIMIT } from './memo.js';
import type { WafRuntime } from './runtime.js';
import { KeyedValues, ValueAnalysis, OPERATOR_SLOT_STRIDE, isNo, setNo } from './value-analysis.js';
import { ACTING_CHARS } from '../transformations/registry.js';
import type { RuleSelection } from './rule-selection.js';

export interface ConnectionInfo {
  remoteAddr: string;
  remotePort: number;
  serverAddr: string;
  serverPort: number;
}

export interface Intervention {
  status: number;
  /** true when the host must stop the request (deny, drop, redirect); false for allow */
  disruptive: boolean;
  phase: number;
  ruleId: number;
  /** deny, drop, redirect, proxy */
  action: string;
  url?: string;
  /** the log line of the rule that intervened */
  log?: string;
}

export interface MatchedRule {
  id: number;
  phase: number;
  msg: string;
  data: string;
  severity: number | null;
  tags: string[];
  /** false for nolog rules: they matched but wrote no log entry */
  logged: boolean;
  /** MATCHED_VAR_NAME of the match */
  variable: string;
  file: string;
  line: number;
}

/** Per-transaction limits a ctl action may change. */
export interface TransactionLimits {
  requestBodyLimit: number;
  responseBodyLimit: number;
}

const BINARY = 'latin1';

function toBinary(chunk: Uint8Array | string): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(BINARY);
}

/**
 * One HTTP transaction going through the five phases. Request data is kept as binary strings
 * (one char per byte). Collections are built on first use and cached for the transaction.
 */
export class Transaction implements MacroScope {
  readonly waf: WafRuntime;
  readonly conn: ConnectionInfo;
  readonly uniqueId: string;
  readonly startedAt = performance.now();
  /** wall-clock start in ms; a Date is made only when asked for (TIME*, audit log) */
  private readonly startMs = Date.now();
  private startDateValue: Date | null = null;

  get startDate(): Date {
    return (this.startDateValue ??= new Date(this.startMs));
  }

  ruleEngine: RuleEngineMode;
  auditEngine: AuditEngineMode;
  auditLogParts: string;
  requestBodyAccess: boolean;
  responseBodyAccess: boolean;
  forceRequestBodyVariable = false;
  readonly limits: TransactionLimits;

  // request line
  method = '';
  uri = '';
  requestUri = '';
  path = '';
  basename = '';
  protocol = '';
  requestLine = '';
  queryString: string | null = null;
  argsGet: readonly Entry[] = NO_ENTRIES;
  argsPost: readonly Entry[] = NO_ENTRIES;
  private argsAll: readonly Entry[] | null = null;
  readonly requestHeaders: Entry[] = [];
  private cookieEntries: Entry[] | null = null;

  // request body
  private readonly requestBuffer = new BodyBuffer();
  requestBody = '';
  reqbodyError = false;
  reqbodyErrorMsg = '';
  reqbodyProcessor: string | null = null;
  urlencodedError = false;
  inboundDataError = false;
  multipart: MultipartResult | null = null;
  xml: XmlNode | null = null;
  private xmlWholeText: string | null = null;

  // response
  responseStatus: number | null = null;
  responseProtocol: string | null = null;
  readonly responseHeaders: Entry[] = [];
  private readonly responseBuffer = new BodyBuffer();
  responseBody = '';
  outboundDataError = false;

  // rule state
  private readonly stores = new Map<string, KeyedStore>();
  /** What setCaptures last wrote to TX:0..TX:9, and TX's oneCharWrites right after (-1: nothing yet). */
  private readonly lastCaptures: string[] = [];
  private lastCapturesAt = -1;
  sessionId = '';
  userId = '';
  matchedVar = '';
  matchedVarName = '';
  /** MATCHED_VARS as the current rule or chain link reads it (the previous link's matches) */
  matchedVars: Entry[] = [];
  highestSeverity: number | null = null;
  private currentRule: Rule | null = null;
  /** ctl:ruleRemoveById/ByTag/ByMsg of this transaction */
  private readonly removals: RuleSelection[] = [];
  /** ctl:ruleRemoveTargetById/ByTag/ByMsg of this transaction */
  private readonly runtimeExclusions: Array<{ selection: RuleSelection; exclusion: TargetExclusion }> = [];
  private readonly derived = new Map<string, { source: unknown; value: readonly Entry[] }>();
  private readonly scalars = new Map<string, readonly Entry[]>();
  /** per (set group, target): OR of the answers over the target's values, valid while its list is the same */
  private readonly groupAnswerBits: Array<Hits | undefined>;
  private readonly groupAnswerSources: Array<readonly Entry[] | undefined>;
  /** per Rule.targetsSlot (slots belong to one phase's groups): the OR over all the targets */
  private readonly targetsBits: Array<Hits | undefined>;
  /** per set group: its answers over the wide targets included so far (Transaction.wideBits) */
  private readonly groupWideBits: Array<Hits | undefined>;
  private readonly groupWideMasks: Array<number | undefined>;
  /** resolved target lists, by CompiledTarget.resolveSlot, valid while their source array is the same */
  private readonly resolvedSources: Array<readonly Entry[] | undefined>;
  private readonly resolvedEntries: Array<readonly Entry[] | undefined>;
  /** the wide targets' entries, by SetGroup.wideEntrySlots (a phase's: its values do not change while it runs) */
  private readonly wideEntries: Array<readonly Entry[] | undefined>;
  readonly sanitised: Array<{ what: string; name: string }> = [];

  // caches
  private readonly utf8Cache = new Map<string, Buffer>();
  /** literals found per value by the regex-set groups' shared scan */
  private readonly scanMemo: ScanMemo = new Map();
  /** the one context operators get, aimed at each value in turn (operators do not keep it) */
  private readonly context: MatchContext & { value: string } = { value: '', captures: null, scope: this, utf8: () => this.utf8(this.context.value) };

  // outcome
  private interventionResult: Intervention | null = null;
  /**
   * Each chain that matched as (starter, MATCHED_VAR_NAME, msg, data): MatchedRule objects are
   * built when asked for, as CRS matches some 90 nolog rules per request that nobody reads.
   */
  private readonly matchRecords: Array<Rule | string> = [];
  /** The TX preset's records (passes/tx-preset.ts), not copied: they stand at presetAt in matchRecords' order */
  private presetRecords: ReadonlyArray<Rule | string> = NO_RECORDS;
  private presetAt = 0;
  private matchedList: MatchedRule[] = [];
  /** the error-log lines, a warning's kept as its context until the lines are read (most never are) */
  private readonly logs: Array<string | LogContext> = [];
  /** bit `phase` set once the phase ran */
  private phasesDone = 0;
  /**
   * Whether the rules' outcomes proved at load time (Rule.folded) hold: TX written by rules only,
   * request phases run in order.
   */
  private foldsHold = true;
  /** allow: phases to skip from now on */
  private allowRequest = false;
  private allowAll = false;
  auditRelevant = false;

  constructor(waf: WafRuntime, conn: ConnectionInfo, uniqueId: string) {
    this.waf = waf;
    this.conn = conn;
    this.uniqueId = uniqueId;
    const cfg: EngineConfig = waf.config;
    this.ruleEngine = cfg.ruleEngine;
    this.auditEngine = cfg.auditEngine;
    this.auditLogParts = cfg.auditLogParts;
    this.requestBodyAccess = cfg.requestBodyAccess;
    this.responseBodyAccess = cfg.responseBodyAccess;
    this.limits = { requestBodyLimit: cfg.requestBodyLimit, responseBodyLimit: cfg.responseBodyLimit };
    this.stores.set('TX', new KeyedStore());
    this.stores.set('ENV', new KeyedStore());
    const { answers, targets, resolved, wideEntries } = waf.slots;
    this.groupAnswerBits = new Array(answers);
    this.groupAnswerSources = new Array(answers);
    this.targetsBits = new Array(targets);
    this.groupWideBits = new Array(waf.setGroups.length);
    this.groupWideMasks = new Array(waf.setGroups.length);
    this.resolvedSources = new Array(resolved);
    this.resolvedEntries = new Array(resolved);
    this.wideEntries = new Array(wideEntries);
  }

  // ---------------------------------------------------------------- host API

  processUri(uri: string, method: string, httpVersion: string): Intervention | null {
    this.method = method;
    this.uri = uri;
    this.protocol = `HTTP/${httpVersion}`;
    this.requestLine = `${method} ${uri} ${this.protocol}`;
    const parsed = parseRequestTarget(uri);
    this.requestUri = parsed.requestUri;
    this.path = parsed.path;
    this.basename = parsed.basename;
    this.queryString = parsed.queryString;
    this.argsGet = parsed.queryString === null ? NO_ENTRIES : this.toEntries(parseUrlEncoded(parsed.queryString, this.waf.config.argumentSeparator));
    this.argsAll = null;
    return this.interventionResult;
  }

  addRequestHeader(name: string, value: string): void {
    this.requestHeaders.push({ key: name, value });
    this.cookieEntries = null;
  }

  processRequestHeaders(): Intervention | null {
    // v2 picks the body processor from the Content-Type before phase 1, so REQBODY_PROCESSOR is
    // visible there; ctl:requestBodyProcessor may still override it.
    const ct = (this.requestHeader('content-type') ?? '').toLowerCase();
    if (ct.startsWith('application/x-www-form-urlencoded')) this.reqbodyProcessor = 'URLENCODED';
    else if (ct.startsWith('multipart/form-data')) this.reqbodyProcessor = 'MULTIPART';
    return this.runPhase(1);
  }

  appendRequestBody(chunk: Uint8Array | string): Intervention | null {
    if (this.interventionResult?.disruptive) return this.interventionResult;
    if (!this.requestBuffer.append(toBinary(chunk), this.limits.requestBodyLimit)) {
      // SecRequestBodyLimitAction: Reject answers 413; ProcessPartial inspects what fitted.
      this.inboundDataError = true;
      if (this.waf.config.requestBodyLimitAction === 'Reject' && this.ruleEngine === 'On') {
        this.intervene({ status: 413, disruptive: true, phase: 2, ruleId: 0, action: 'deny' });
      }
    }
    return this.interventionResult;
  }

  processRequestBody(): Intervention | null {
    if (this.phaseDone(2)) return this.interventionResult;
    this.requestBody = this.requestBuffer.text;
    if (this.requestBodyAccess && this.ruleEngine !== 'Off' && !this.interventionResult?.disruptive) this.parseRequestBody();
    return this.runPhase(2);
  }

  addResponseHeader(name: string, value: string): void {
    this.responseHeaders.push({ key: name, value });
  }

  processResponseHeaders(status: number, protocol: string): Intervention | null {
    this.responseStatus = status;
    this.responseProtocol = protocol;
    return this.runPhase(3);
  }

  appendResponseBody(chunk: Uint8Array | string): Intervention | null {
    if (!this.responseBodyAccess || !this.responseBodyInspectable()) return this.interventionResult;
    if (!this.responseBuffer.append(toBinary(chunk), this.limits.responseBodyLimit)) {
      // SecResponseBodyLimitAction: Reject answers 500; ProcessPartial inspects what fitted.
      this.outboundDataError = true;
      if (this.waf.config.responseBodyLimitAction === 'Reject' && this.ruleEngine === 'On') {
        this.intervene({ status: 500, disruptive: true, phase: 4, ruleId: 0, action: 'deny' });
      }
    }
    return this.interventionResult;
  }

  processResponseBody(): Intervention | null {
    this.responseBody = this.responseBuffer.text;
    return this.runPhase(4);
  }

  processLogging(): Intervention | null {
    this.runPhase(5);
    this.waf.audit?.(this);
    return this.interventionResult;
  }

  intervention(): Intervention | null {
    return this.interventionResult;
  }

  matchedRules(): MatchedRule[] {
    const own = this.matchRecords;
    const preset = this.presetRecords;
    const at = this.presetAt;
    for (let v = this.matchedList.length * MATCH_RECORD; v < own.length + preset.length; v += MATCH_RECORD) {
      let records: ReadonlyArray<Rule | string> = own;
      let i = v;
      if (v >= at + preset.length) {
        i = v - preset.length;
      } else if (v >= at) {
        records = preset;
        i = v - at;
      }
      const rule = records[i] as Rule;
      this.matchedList.push({
        id: rule.id, phase: rule.phase, msg: records[i + 2] as string, data: records[i + 3] as string, severity: rule.severity,
        tags: rule.tags, logged: rule.log, variable: records[i + 1] as string, file: rule.file, line: rule.line,
      });
    }
    return this.matchedList;
  }

  logLines(): string[] {
    const logs = this.logs;
    for (let i = 0; i < logs.length; i++) if (typeof logs[i] !== 'string') logs[i] = formatLogLine(logs[i] as LogContext);
    return logs as string[];
  }

  // ------------------------------------------------------------- variables

  args(): readonly Entry[] {
    if (this.argsAll === null) this.argsAll = this.argsPost.length === 0 ? this.argsGet : [...this.argsGet, ...this.argsPost];
    return this.argsAll;
  }

  cookies(): readonly Entry[] {
    if (this.cookieEntries === null) {
      const values = this.requestHeaders.filter((h) => h.key.toLowerCase() === 'cookie').map((h) => h.value);
      this.cookieEntries = parseCookies(values, this.waf.config.cookieFormat);
    }
    return this.cookieEntries;
  }

  /** REQUEST_BODY: v2 fills it for the URLENCODED processor, for bodies no processor takes, or when forced. */
  requestBodyVariable(): string | null {
    if (this.forceRequestBodyVariable || this.reqbodyProcessor === null || this.reqbodyProcessor === 'URLENCODED') return this.requestBody;
    return null;
  }

  responseBodyVariable(): string | null {
    return this.phaseDone(4) || this.responseBuffer.length ? this.responseBody : null;
  }

  responseHeader(lowerName: string): string | null {
    return firstValueOf(this.responseHeaders, lowerName);
  }

  requestHeader(lowerName: string): string | null {
    return firstValueOf(this.requestHeaders, lowerName);
  }

  remoteUser(): string | null {
    const auth = this.requestHeader('authorization');
    const m = auth ? /^\s*basic\s+(\S+)/i.exec(auth) : null;
    if (!m) return null;
    const decoded = Buffer.from(m[1]!, 'base64').toString(BINARY);
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(0, colon) : decoded;
  }

  authType(): string | null {
    const auth = this.requestHeader('authorization');
    return auth ? auth.trim().split(/\s+/)[0] ?? null : null;
  }

  serverName(): string {
    const host = this.requestHeader('host');
    return host ? host.replace(/:\d+$/, '') : this.conn.serverAddr;
  }

  fullRequest(): string {
    let s = `${this.requestLine}\r\n`;
    for (const h of this.requestHeaders) s += `${h.key}: ${h.value}\r\n`;
    return `${s}\r\n${this.requestBody}`;
  }

  xmlText(): string {
    if (this.xmlWholeText === null) this.xmlWholeText = this.xml ? xmlTextContent(this.xml) : '';
    return this.xmlWholeText;
  }

  matchedVarsNames(): readonly Entry[] {
    return this.derive('MATCHED_VARS_NAMES', this.matchedVars, namesOfEntries);
  }

  ruleVariable(): readonly Entry[] {
    const r = this.currentRule;
    if (!r) return NO_ENTRIES;
    return this.derive('RULE', r, () => {
      const out: Entry[] = [
        { key: 'id', value: String(r.id) },
        { key: 'phase', value: String(r.phase) },
        { key: 'rev', value: r.rev ?? '' },
        { key: 'ver', value: r.ver ?? '' },
        { key: 'maturity', value: r.maturity ?? '' },
        { key: 'accuracy', value: r.accuracy ?? '' },
        { key: 'severity', value: r.severity === null ? '' : String(r.severity) },
        { key: 'msg', value: r.msg?.constant ?? '' },
        { key: 'logdata', value: r.logdata?.constant ?? '' },
      ];
      return out;
    });
  }

  /**
   * A single variable's one-entry list, the same array while its value stays the same: target lists
   * and the values' cached analyses are then shared by every rule that reads the variable.
   */
  scalarEntries(name: string, value: string): readonly Entry[] {
    const known = this.scalars.get(name);
    if (known !== undefined && known[0]!.value === value) return known;
    const list = [{ key: '', value }];
    this.scalars.set(name, list);
    return list;
  }

  /** Caches a value computed from `source` until `source` changes identity. */
  derive<S>(name: string, source: S, compute: (source: S) => readonly Entry[]): readonly Entry[] {
    const hit = this.derived.get(name);
    if (hit && hit.source === source) return hit.value;
    const value = compute(source);
    this.derived.set(name, { source, value });
    return value;
  }

  store(collection: string): KeyedStore | undefined {
    return this.stores.get(collection);
  }

  getVariable(collection: string, key: string): string | undefined {
    return this.stores.get(collection)?.get(key);
  }

  /** Sets collection.key; `lower` is the key lower-cased when the caller has it. */
  setVariable(collection: string, key: string, value: string, lower = key.toLowerCase()): void {
    if (collection === 'TX' && this.currentRule === null) this.foldsHold = false;
    let store = this.stores.get(collection);
    if (!store) {
      // Writing to a persistent collection that no initcol opened: ModSecurity ignores it.
      if (collection !== 'TX' && collection !== 'ENV') return;
      store = new KeyedStore();
      this.stores.set(collection, store);
    }
    store.set(key, value, lower);
  }

  deleteVariable(collection: string, key: string): void {
    if (collection === 'TX' && this.currentRule === null) this.foldsHold = false;
    this.stores.get(collection)?.delete(key);
  }

  openPersistentCollection(collection: string, key: string): void {
    const record = this.waf.persistent.open(collection, key);
    this.stores.set(collection, record);
    if (collection === 'SESSION') this.sessionId = key;
    if (collection === 'USER') this.userId = key;
  }

  expireVariable(collection: string, key: string, seconds: number): void {
    (this.stores.get(collection) as PersistentRecord | undefined)?.expireAfter?.(key, seconds);
  }

  deprecateVariable(collection: string, key: string, amount: number, period: number): void {
    (this.stores.get(collection) as PersistentRecord | undefined)?.deprecate?.(key, amount, period);
  }

  sanitise(what: string, name: string): void {
    this.sanitised.push({ what, name });
  }

  setAuditLogParts(spec: string): void {
    if (spec.startsWith('+')) {
      for (const p of spec.slice(1)) if (!this.auditLogParts.includes(p)) this.auditLogParts += p;
    } else if (spec.startsWith('-')) {
      for (const p of spec.slice(1)) this.auditLogParts = this.auditLogParts.replace(p, '');
    } else {
      this.auditLogParts = spec;
    }
  }

  removeRules(selection: RuleSelection): void {
    this.removals.push(selection);
  }

  removeTarget(selection: RuleSelection, exclusion: TargetExclusion): void {
    this.runtimeExclusions.push({ selection, exclusion });
  }

  /** MacroScope: `%{collection.key}` */
  lookup(collection: string, key: string | null): string {
    // loops rather than find(): a closure over `key` would allocate a context on every call
    if (collection === 'RULE' && key !== null && this.currentRule) return valueOf(this.ruleVariable(), key);
    const store = this.stores.get(collection);
    if (store) return key === null ? '' : store.getLower(key) ?? '';
    const variable = getVariable(collection);
    if (!variable) return '';
    const entries = variable.read(this);
    if (key === null || !variable.collection) return entries[0]?.value ?? '';
    return valueOf(entries, key);
  }

  // ------------------------------------------------------------- internals

  private toEntries(pairs: Array<[string, string]>): Entry[] {
    return pairs.map(([key, value]) => ({ key, value }));
  }

  private parseRequestBody(): void {
    const contentType = this.requestHeader('content-type') ?? '';
    const name = this.reqbodyProcessor;
    if (name === null || this.requestBody.length === 0) return;
    const processor = bodyProcessors.get(name);
    if (!processor) return;
    const cfg = this.waf.config;
    const result = processor.parse(this.requestBody, contentType, {
      jsonDepthLimit: cfg.jsonDepthLimit,
      // v2 counts the query-string arguments against SecArgumentsLimit too
      argumentsLimit: Math.max(0, cfg.argumentsLimit - this.argsGet.length),
      argumentSeparator: cfg.argumentSeparator,
    });
    if (result.error !== null) {
      this.reqbodyError = true;
      this.reqbodyErrorMsg = result.error;
      this.logs.push(`ModSecurity: ${result.errorLog ?? result.error}`);
    }
    if (result.urlencodedError) this.urlencodedError = true;
    if (result.args.length) {
      this.argsPost = this.toEntries(result.args);
      this.argsAll = null;
    }
    if (result.multipart) this.multipart = result.multipart;
    if (result.xml) this.xml = result.xml;
  }

  private responseBodyInspectable(): boolean {
    const ct = this.responseHeader('content-type');
    const mime = (ct ?? '').split(';')[0]!.trim().toLowerCase();
    return this.waf.config.responseBodyMimeTypes.has(mime);
  }

  private intervene(i: Intervention): void {
    if (!this.interventionResult || (!this.interventionResult.disruptive && i.disruptive)) this.interventionResult = i;
  }

  private isRemoved(rule: Rule): boolean {
    const removals = this.removals;
    for (let i = 0; i < removals.length; i++) if (removals[i]!.has(rule, this.waf.ruleCount)) return true;
    return false;
  }

  private phaseDone(phase: number): boolean {
    return (this.phasesDone & (1 << phase)) !== 0;
  }

  private runPhase(phase: number): Intervention | null {
    if (this.phaseDone(phase)) return this.interventionResult;
    // the load-time decisions assume the request phases ran in order (phase 5 follows any of them)
    if (phase >= 2 && phase <= 4 && !this.phaseDone(phase - 1)) this.foldsHold = false;
    this.phasesDone |= 1 << phase;
    if (this.ruleEngine === 'Off') {
      // a phase whose rules did not run (the host may turn the engine back on for the next one)
      this.foldsHold = false;
      return this.interventionResult;
    }
    if (this.interventionResult?.disruptive && phase !== 5) return this.interventionResult;
    if (this.allowAll && phase !== 5) return this.interventionResult;
    if (this.allowRequest && phase <= 2) return this.interventionResult;
    const { rules, plan } = this.waf.phases[phase]!;
    const { wideMasks, groups, setIndexes, foldedOut, txPreset } = plan;
    const folds = this.foldsHold;
    let presetAt = txPreset !== null ? txPreset.start : -1;
    let i = 0;
    while (i < rules.length) {
      if (i === presetAt) {
        presetAt = -1;
        if (this.applyTxPreset(txPreset!)) {
          i = txPreset!.end;
          continue;
        }
      }
      // most rules are ruled out without reading them: proved not to match, or by their group's answers
      if (folds && foldedOut[i] === 1) {
        i++;
        continue;
      }
      const mask = wideMasks[i]!;
      if (mask !== 0 && !hasHit(this.wideBits(groups[i]!, mask), setIndexes[i]!)) {
        i++;
        continue;
      }
      const rule = rules[i]!;
      if (this.isRemoved(rule)) {
        i++;
        continue;
      }
      const folded = rule.folded;
      const outcome = folded !== null && folds ? this.foldedChain(rule, folded) : this.evaluateChain(rule);
      if (outcome === 'stop') break;
      if (outcome === 'matched') {
        if (rule.skipAfter !== null) {
          i = rule.skipAfterIndex;
          continue;
        }
        if (rule.skip > 0) {
          i += 1 + rule.skip;
          continue;
        }
      }
      i++;
    }
    this.currentRule = null;
    return this.interventionResult;
  }

  /**
   * What the phase-1 rules that set TX up from constants do (passes/tx-preset.ts), when they would
   * do it: TX still empty, no rule or target removed by a ctl. False when they must run.
   */
  private applyTxPreset(preset: TxPreset): boolean {
    const tx = this.stores.get('TX')!;
    if (tx.size !== 0 || this.removals.length !== 0 || this.runtimeExclusions.length !== 0) return false;
    tx.copyFrom(preset.store);
    this.presetRecords = preset.records;
    this.presetAt = this.matchRecords.length;
    if (preset.matchedVar !== null) {
      this.matchedVarName = preset.matchedVar.name;
      this.matchedVar = preset.matchedVar.value;
    }
    if (preset.severity !== null && (this.highestSeverity === null || preset.severity < this.highestSeverity)) this.highestSeverity = preset.severity;
    if (preset.auditlog) this.auditRelevant = true;
    return true;
  }

  /** What evaluateChain does for a rule whose outcome was proved at load time. */
  private foldedChain(rule: Rule, folded: FoldedOutcome): 'matched' | 'nomatch' | 'stop' {
    this.currentRule = rule;
    this.matchedVars = NO_MATCHES;
    if (!folded.matches) return 'nomatch';
    this.matched(rule, folded.name, folded.value);
    this.matchedVars = folded.vars;
    return this.onChainMatched(rule, folded.vars) ? 'stop' : 'matched';
  }

  /** Evaluates a rule and its chain links; returns whether the whole chain matched, or stop. */
  private evaluateChain(starter: Rule): 'matched' | 'nomatch' | 'stop' {
    this.currentRule = starter;
    this.matchedVars = NO_MATCHES;
    let link: Rule | null = starter;
    let lastMatches = NO_MATCHES;
    while (link) {
      lastMatches = this.evaluateRule(link);
      if (lastMatches.length === 0) return 'nomatch';
      link = link.chain;
    }
    return this.onChainMatched(starter, lastMatches) ? 'stop' : 'matched';
  }

  /** Runs one rule or link over its targets; returns the matches (MATCHED_VARS entries). */
  private evaluateRule(rule: Rule): Entry[] {
    const previous = this.matchedVars;
    if (!rule.hasOperator) {
      for (const action of rule.actions) action.run(this, rule);
      return UNCONDITIONAL;
    }
    if (rule.groupSkipable && !this.groupMayMatch(rule, previous)) return NO_MATCHES;
    let matches: Entry[] | null = null;
    const targets = rule.targets;
    for (let t = 0; t < targets.length; t++) {
      const target = targets[t]!;
      const name = target.variable.name;
      const entries = this.resolve(rule, target, previous);
      if (target.count) {
        const n = String(entries.length);
        if (this.match(rule, n, null, 0)) (matches ??= []).push(this.record(rule, name, n));
        continue;
      }
      const collection = target.variable.collection;
      for (let k = 0; k < entries.length; k++) {
        const e = entries[k]!;
        const hit = this.matchValue(rule, e, t);
        if (hit !== null) (matches ??= []).push(this.record(rule, collection ? `${name}:${e.key}` : name, hit));
      }
    }
    if (matches === null) return NO_MATCHES;
    this.matchedVars = matches;
    return matches;
  }

  /**
   * False when no value of the rule's targets, transformed, matches the rule's pattern: for each
   * target, the OR of its set group's answers over the target's values, computed once per
   * transaction and shared by every rule of the group that reads that target. When the targets
   * hold the same values for the whole phase (the group's), the OR over all of them is kept too.
   */
  private groupMayMatch(rule: Rule, previous: Entry[]): boolean {
    const index = rule.setIndex;
    if (rule.wideMask !== 0 && !hasHit(this.wideBits(rule.setGroup!.id, rule.wideMask), index)) return false;
    const s = rule.targetsSlot;
    if (s >= 0 && !this.hasRuntimeExclusions(rule)) {
      let bits = this.targetsBits[s];
      if (bits === undefined) {
        bits = NO_HITS;
        for (let t = 0; t < rule.targets.length; t++) bits = unionHits(bits, this.targetBits(rule, t, previous));
        this.targetsBits[s] = bits;
      }
      return hasHit(bits, index);
    }
    for (let t = 0; t < rule.targets.length; t++) {
      const bits = this.targetBits(rule, t, previous);
      if (hasHit(bits, index)) return true;
    }
    return false;
  }

  /**
   * The group's answers OR-ed over its wide targets (phase-stable, read without exclusions) that the
   * rules reached so far in the phase read, `mask`'s included: a superset of any such rule's values,
   * so a pattern without a hit there cannot match for the rule whatever its exclusions.
   */
  private wideBits(g: number, mask: number): Hits {
    let bits = this.groupWideBits[g] ?? NO_HITS;
    let missing = mask & ~(this.groupWideMasks[g] ?? 0);
    if (missing === 0) return bits;
    this.groupWideMasks[g] = (this.groupWideMasks[g] ?? 0) | mask;
    const entrySlots = this.waf.wideEntrySlots;
    for (let b = 0; missing !== 0; b++, missing >>>= 1) {
      if ((missing & 1) === 0) continue;
      // the group itself is read only for a target not resolved yet, or one with values
      const slot = entrySlots[(g << 5) | b]!;
      const entries = (this.wideEntries[slot] ??= this.resolveTarget(this.waf.setGroups[g]!.wideTargets[b]!));
      if (entries.length === 0) continue;
      const group = this.waf.setGroups[g]!;
      bits = unionHits(bits, this.answersOver(group, group.transforms!, entries, group.wideAnswerSlots[b]!));
    }
    this.groupWideBits[g] = bits;
    return bits;
  }

  /** The OR of the rule's group's answers over the values of its target `t` (NO_HITS when none hits). */
  private targetBits(rule: Rule, t: number, previous: Entry[]): Hits {
    return this.answersOver(rule.setGroup!, rule.transforms, this.resolve(rule, rule.targets[t]!, previous), rule.answerSlots[t]!);
  }

  /** The OR of a group's answers over some values (a resolved target), kept in an answer slot while the list is the same. */
  private answersOver(group: SetGroup, chain: TransformChain, entries: readonly Entry[], slot: number): Hits {
    if (entries.length === 0) return NO_HITS;
    let bits = this.groupAnswerBits[slot];
    if (bits !== undefined && this.groupAnswerSources[slot] === entries) return bits;
    // usually no value hits any pattern: the answer stays the shared NO_HITS
    bits = NO_HITS;
    const scope = this.waf.answerScopes[slot]!;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      bits = unionHits(bits, this.setHits(group, scope, chain, e.value, this.analysisOf(e)));
    }
    this.groupAnswerBits[slot] = bits;
    this.groupAnswerSources[slot] = entries;
    return bits;
  }

  /** Whether a ctl:ruleRemoveTarget* exclusion of this transaction applies to one of the rule's targets. */
  private hasRuntimeExclusions(rule: Rule): boolean {
    const exclusions = this.runtimeExclusions;
    for (let i = 0; i < exclusions.length; i++) {
      const { selection, exclusion } = exclusions[i]!;
      if (!selection.has(rule.starter, this.waf.ruleCount)) continue;
      for (const t of rule.targets) if (t.variable.name === exclusion.collection) return true;
    }
    return false;
  }

  /** The group's answers (for a scope's members) for a value after the group's chain, kept in the value's analysis. */
  private setHits(group: SetGroup, scope: AnswerScope, chain: TransformChain, raw: string, a: ValueAnalysis): Hits {
    const n = scope.answer;
    if (isNo(a, n)) return NO_HITS;
    return a.hits?.[n] ?? this.matchGroup(group, scope, chain, raw, a);
  }

  /** setHits when the analysis has no answer yet (apart, so that the common path allocates nothing). */
  private matchGroup(group: SetGroup, scope: AnswerScope, chain: TransformChain, raw: string, a: ValueAnalysis): Hits {
    const ctx = this.context;
    ctx.value = this.transform(chain, raw, a);
    const hits = group.match(ctx.value, ctx.utf8, this.scanMemo, scope);
    const n = scope.answer;
    if (hits === NO_HITS) setNo(a, n);
    else (a.hits ??= [])[n] = hits;
    return hits;
  }

  /**
   * The analysis of an entry's value: attached to the entry for the rest of the transaction, and
   * for short values taken from (or added to) the Waf's table shared across transactions.
   */
  private analysisOf(e: Entry): ValueAnalysis {
    let a = e.analysis;
    if (a === undefined) {
      const v = e.value;
      if (v.length <= MEMO_VALUE_LIMIT) {
        const table = this.waf.valueAnalyses;
        a = table.get(v) ?? table.remember(v, new ValueAnalysis(this.waf.slots.noWords));
      } else {
        a = new ValueAnalysis(this.waf.slots.noWords);
      }
      e.analysis = a;
    }
    return a;
  }

  /** A match of one value: MATCHED_VAR(_NAME) and the rule's non-disruptive actions. */
  private record(rule: Rule, name: string, value: string): Entry {
    this.matched(rule, name, value);
    return { key: name, value };
  }

  private matched(rule: Rule, name: string, value: string): void {
    this.matchedVar = value;
    this.matchedVarName = name;
    for (const action of rule.actions) action.run(this, rule);
  }

  /** Entries of a target after its selector and the rule's and transaction's exclusions. */
  private resolve(rule: Rule, target: CompiledTarget, previousMatched: Entry[]): readonly Entry[] {
    const variable = target.variable;
    const extra = this.hasRuntimeExclusions(rule) ? this.runtimeExclusionsOf(rule, variable.name) : NO_EXCLUSIONS;
    if (variable.name === 'MATCHED_VARS') return this.filterEntries(target, previousMatched, extra);
    if (variable.name === 'MATCHED_VARS_NAMES') return this.filterEntries(target, namesOfEntries(previousMatched), extra);
    if (extra.length !== 0) return this.filterEntries(target, variable.read(this), extra);
    return this.resolveTarget(target);
  }

  /** Entries of a target after its selector and its own exclusions (no runtime ones, no MATCHED_VARS). */
  private resolveTarget(target: CompiledTarget): readonly Entry[] {
    const variable = target.variable;
    const selector = target.selector;
    if (selector !== null && target.exclusions.length === 0) {
      if (selector.keyLower !== null && variable.selectKey !== undefined) return variable.selectKey(this, selector.keyLower);
      if (selector.keyMatches !== null && variable.selectWhere !== undefined) return variable.selectWhere(this, selector, selects);
    }
    const source = variable.read(this);
    if (source.length === 0 || (selector === null && target.exclusions.length === 0)) return source;
    const slot = target.resolveSlot;
    if (this.resolvedSources[slot] === source) return this.resolvedEntries[slot]!;
    const entries = this.filterEntries(target, source, NO_EXCLUSIONS);
    this.resolvedSources[slot] = source;
    this.resolvedEntries[slot] = entries;
    return entries;
  }

  /**
   * The ctl:ruleRemoveTarget* exclusions of one collection that apply to a rule (by its starter's
   * id, tags or msg).
   */
  private runtimeExclusionsOf(rule: Rule, collection: string): Array<KeySelector | null> {
    let out = NO_EXCLUSIONS;
    for (const r of this.runtimeExclusions) {
      if (r.exclusion.collection !== collection || !r.selection.has(rule.starter, this.waf.ruleCount)) continue;
      // the common case (CRS 941010: ctl:ruleRemoveTargetByTag=xss-perf-disable;REQUEST_FILENAME) needs no new list
      if (out === NO_EXCLUSIONS) out = r.exclusion.selector === null ? WHOLE_COLLECTION : [r.exclusion.selector];
      else (out === WHOLE_COLLECTION ? (out = [null]) : out).push(r.exclusion.selector);
    }
    return out;
  }

  private filterEntries(target: CompiledTarget, source: readonly Entry[], extra: Array<KeySelector | null>): readonly Entry[] {
    const exclusions = extra.length === 0 ? target.exclusions : [...target.exclusions, ...extra];
    // a whole-collection exclusion (ctl:ruleRemoveTargetByTag=...;REQUEST_FILENAME) leaves nothing
    if (exclusions.includes(null)) return NO_ENTRIES;
    const sel = target.selector;
    // the kept entries, copied only from the first one left out (often none is: the source is the answer)
    let kept: Entry[] | null = null;
    for (let i = 0; i < source.length; i++) {
      const e = source[i]!;
      const keep = (sel === null || selects(sel, e.key)) && !excludes(exclusions, e.key);
      if (kept !== null) {
        if (keep) kept.push(e);
      } else if (!keep) {
        kept = source.slice(0, i);
      }
    }
    return kept ?? source;
  }

  /**
   * Transforms (through the value's analysis) and runs the operator on a value of the rule's
   * target `t`; returns the value that matched, or null.
   */
  private matchValue(rule: Rule, e: Entry, t: number): string | null {
    const chain = rule.transforms;
    const raw = e.value;
    // a value no step transforms and no set or pure operator answers for has nothing to keep
    const a = chain.steps.length === 0 && rule.operatorSlot < 0 && rule.setGroup === null ? null : this.analysisOf(e);
    if (a === null) return this.match(rule, raw, null, 0) ? raw : null;
    if (rule.multiMatch) {
      // The operator sees the raw value and every intermediate value that differs from the last.
      // That none matched is kept too: the steps are not walked again for a value seen before.
      const outcome = rule.noBit >= 0 && !rule.negated ? rule.noBit + 1 : -1;
      if (outcome >= 0 && isNo(a, outcome)) return null;
      if (this.match(rule, raw, a, 0)) return raw;
      let v = raw;
      for (let i = 0; i < chain.steps.length; i++) {
        const next = this.transform(chain, raw, a, i);
        if (next !== v && this.match(rule, next, a, i + 1)) return next;
        v = next;
      }
      if (outcome >= 0) setNo(a, outcome);
      return null;
    }
    // A value ruled out by a kept answer is not transformed (the answers are per raw value).
    const group = rule.setGroup;
    if (group !== null) {
      // The group's answers for this value; run the rule's own operator only to capture.
      const hits = this.setHits(group, this.waf.answerScopes[rule.answerSlots[t]!]!, chain, raw, a);
      const matched = hasHit(hits, rule.setIndex);
      if (matched === rule.negated) return null;
      const v = this.transform(chain, raw, a);
      if (matched && rule.capture) return this.match(rule, v, a, chain.steps.length) ? v : null;
      return v;
    }
    if (rule.noBit >= 0 && !rule.negated && isNo(a, rule.noBit)) return null;
    const v = this.transform(chain, raw, a);
    return this.match(rule, v, a, chain.steps.length) ? v : null;
  }

  /**
   * The value after steps 0..last of a chain. Every prefix result is kept in the value's analysis,
   * so rules whose chains share a prefix (t:urlDecodeUni then more) compute it once.
   */
  private transform(chain: TransformChain, raw: string, a: ValueAnalysis, last = chain.prefixIds.length - 1): string {
    if (last < 0) return raw;
    const ids = chain.prefixIds;
    const done = a.transformed;
    const known = done?.get(ids[last]!);
    if (known !== undefined) return known;
    // the steps before the first that meets a char it acts on leave the value as it is: the rest
    // of the chain transforms it, with the results of every chain that only differs in such steps
    const mask = a.charMask >= 0 ? a.charMask : (a.charMask = ACTING_CHARS.maskOfValue(raw));
    const acts = chain.acts;
    if ((mask & acts[last]!) === 0) return raw;
    let first = 0;
    while ((mask & acts[first]!) === 0) first++;
    if (first > 0) return this.transform(chain.suffixes[first]!, raw, a, last - first);
    const kept = (a.transformed ??= new KeyedValues());
    let i = last - 1;
    let v: string | undefined;
    while (i >= 0 && (v = kept.get(ids[i]!)) === undefined) i--;
    v ??= raw;
    for (i++; i <= last; i++) v = kept.add(ids[i]!, chain.steps[i]!(v));
    return v;
  }

  /**
   * Runs the operator on a value after `steps` steps of the rule's chain. With the raw value's
   * analysis `a`, a pure operator's answer is read from (or kept in) it.
   */
  private match(rule: Rule, value: string, a: ValueAnalysis | null, steps: number): boolean {
    const slot = rule.operatorSlot;
    let answer: string[] | null | undefined;
    if (slot >= 0 && a !== null) {
      // a no after the whole chain (most answers) is a bit; captures and intermediate values' answers are kept by key
      const final = steps === rule.transforms.steps.length;
      if (final && isNo(a, rule.noBit)) {
        answer = null;
      } else {
        const key = slot * OPERATOR_SLOT_STRIDE + steps;
        answer = a.answers?.get(key);
        if (answer === undefined) {
          answer = this.evaluateOperator(rule, value);
          if (answer === null && final) setNo(a, rule.noBit);
          // an intermediate value's no is not kept: the multiMatch outcome bit (matchValue) covers the value
          else if (answer !== null || rule.negated) (a.answers ??= new Map()).set(key, answer);
        }
      }
    } else {
      answer = this.evaluateOperator(rule, value);
    }
    const hit = (answer !== null) !== rule.negated;
    if (hit && answer !== null && answer.length) this.setCaptures(answer);
    return hit;
  }

  /** The captures (empty without `capture`) when the operator matches, null when not. */
  private evaluateOperator(rule: Rule, value: string): string[] | null {
    if (rule.literalGate !== null && !rule.literalGate.mayMatch(value, this.scanMemo)) return null;
    const ctx = this.context;
    const captures = rule.capture ? [] as string[] : null;
    ctx.value = value;
    ctx.captures = captures;
    return rule.operator.evaluate(value, ctx) ? captures ?? NO_CAPTURES : null;
  }

  /** TX:0..TX:9 from an operator's captures. */
  private setCaptures(captures: readonly string[]): void {
    // straight into the TX store (a rule is running, and the keys need no lower-casing): CRS 920450
    // writes ten captures per header name, nine of them '' as the time before; a key is written
    // only when its value changes, unless something else wrote such keys since (TX:1 by setvar)
    const tx = this.stores.get('TX')!;
    const last = this.lastCaptures;
    const known = tx.oneCharWrites === this.lastCapturesAt;
    for (let i = 0; i < captures.length && i < 10; i++) {
      const v = captures[i] ?? '';
      if (known && last[i] === v) continue;
      tx.set(CAPTURE_KEYS[i]!, v, CAPTURE_KEYS[i]!);
      last[i] = v;
    }
    this.lastCapturesAt = tx.oneCharWrites;
  }

  private utf8(value: string): Buffer {
    let b = this.utf8Cache.get(value);
    if (!b) {
      b = Buffer.from(value, 'utf8');
      this.utf8Cache.set(value, b);
    }
    return b;
  }

  /** Logging and the disruptive action of a chain that matched fully. Returns true to stop the phase. */
  private onChainMatched(rule: Rule, matches: Entry[]): boolean {
    if (rule.severity !== null && (this.highestSeverity === null || rule.severity < this.highestSeverity)) this.highestSeverity = rule.severity;
    if (rule.auditlog) this.auditRelevant = true;
    const last = matches[matches.length - 1]!;
    const link = lastLink(rule);
    const d = rule.disruptive;
    const enforcing = this.ruleEngine === 'On';
    const disrupts = enforcing && d !== null && (d.kind === 'deny' || d.kind === 'drop' || d.kind === 'redirect' || d.kind === 'proxy');
    const msg = rule.msg ? rule.msg.expand(this) : '';
    const data = rule.logdata ? rule.logdata.expand(this).slice(0, 512) : '';
    let intervention: Intervention | null = null;
    if (disrupts) {
      const kind = d!.kind;
      let status = rule.status ?? 403;
      let url: string | undefined;
      if (kind === 'redirect' || kind === 'proxy') {
        url = d!.param ? this.waf.macro(d!.param).expand(this) : '';
        if (kind === 'redirect') status = rule.status && [301, 302, 303, 307].includes(rule.status) ? rule.status : 302;
      }
      intervention = { status, disruptive: true, phase: rule.phase, ruleId: rule.id, action: kind, ...(url !== undefined ? { url } : {}) };
    }
    const disruption = intervention
      ? intervention.action === 'redirect'
        ? `Access denied with redirection to ${intervention.url} using status ${intervention.status} (phase ${rule.phase})`
        : `Access denied with code ${intervention.status} (phase ${rule.phase})`
      : null;
    const entry: LogContext | null = rule.log || intervention
      ? { rule, link, variableName: last.key, value: last.value, msg, data, hostname: this.conn.serverAddr, uri: this.uri, uniqueId: this.uniqueId, disruption }
      : null;
    this.matchRecords.push(rule, last.key, msg, data);
    if (intervention) {
      intervention.log = formatLogLine(entry!);
      if (rule.log) this.logs.push(intervention.log);
      this.intervene(intervention);
      return true;
    }
    if (rule.log) this.logs.push(entry!);
    if (d?.kind === 'allow' && this.ruleEngine !== 'Off') {
      const scope = d.param?.toLowerCase();
      if (scope === 'phase') return true;
      if (scope === 'request') this.allowRequest = true;
      else this.allowAll = true;
      return true;
    }
    return false;
  }
}

const NO_MATCHES: Entry[] = [];
const NO_RECORDS: ReadonlyArray<Rule | string> = [];
/** Slots per chain in Transaction.matchRecords. */
const MATCH_RECORD = 4;
const NO_CAPTURES: string[] = [];
const NO_EXCLUSIONS: Array<KeySelector | null> = [];
const WHOLE_COLLECTION: Array<KeySelector | null> = [null];
const CAPTURE_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const UNCONDITIONAL: Entry[] = [{ key: '', value: '' }];

function lastLink(rule: Rule): Rule {
  let r = rule;
  while (r.chain) r = r.chain;
  return r;
}

/** The value of the first entry whose key is `lower` (case-insensitively), null when none. */
function firstValueOf(entries: readonly Entry[], lower: string): string | null {
  for (let i = 0; i < entries.length; i++) if (entries[i]!.key.toLowerCase() === lower) return entries[i]!.value;
  return null;
}

const valueOf = (entries: readonly Entry[], lower: string): string => firstValueOf(entries, lower) ?? '';

function excludes(exclusions: ReadonlyArray<KeySelector | null>, key: string): boolean {
  for (let i = 0; i < exclusions.length; i++) if (selects(exclusions[i]!, key)) return true;
  return false;
}

function selects(sel: KeySelector, key: string): boolean {
  if (sel.keyLower !== null) return key.length === sel.keyLower.length && key.toLowerCase() === sel.keyLower;
  return sel.keyMatches!(key);
}
