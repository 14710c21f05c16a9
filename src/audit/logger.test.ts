import { describe, it, expect, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Waf } from '../index.js';
import type { Transaction } from '../index.js';
import { run, type TestRequest } from '../../test/engine/helpers.js';
import { createAuditLogger } from './logger.js';

const SAMPLE = new URL('../../../shared/notes/audit-log-json-libmodsecurity-3.0.9.json', import.meta.url);

function config(format: 'JSON' | 'Native', engine = 'RelevantOnly', extra = ''): string {
  return `SecRuleEngine On\nSecRequestBodyAccess On\nSecAuditEngine ${engine}\nSecAuditLog /tmp/x.log\n`
    + `SecAuditLogParts ABIJDEFHZ\nSecAuditLogFormat ${format}\n${extra}`;
}

/** Runs one transaction and returns what the audit logger wrote for it. */
function audit(text: string, request: TestRequest = {}): { entries: string[]; tx: Transaction } {
  const waf = Waf.fromStringSync(text);
  const entries: string[] = [];
  const logger = createAuditLogger(waf.config, { write: (e) => entries.push(e) });
  expect(logger).not.toBeNull();
  const tx = run(waf, request);
  logger!(tx);
  return { entries, tx };
}

const LOGIN: TestRequest = {
  method: 'POST',
  uri: '/login?next=%2Fhome',
  headers: [['Host', 'shop.example'], ['User-Agent', 'Mozilla/5.0'], ['Content-Type', 'application/x-www-form-urlencoded']],
  body: "user=admin'+OR+1%3D1--&pwd=hunter2",
};

const SQLI_RULE = `SecRule ARGS:user "@rx (?i)\\bor\\b" "id:942100,phase:2,deny,status:403,log,msg:'SQL Injection Attack Detected',logdata:'Matched Data: %{MATCHED_VAR}',severity:2,tag:'attack-sqli',tag:'OWASP_CRS',ver:'OWASP_CRS/4.28.0'"\n`;

/** Key paths of a JSON value: `a.b`, arrays as `a[]`. */
function keyPaths(v: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(v)) {
    for (const e of v) for (const p of keyPaths(e, `${prefix}[]`)) out.add(p);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      // header names are data, not shape
      if (k !== 'headers') for (const q of keyPaths(child, p)) out.add(q);
    }
  }
  return out;
}

describe('createAuditLogger', () => {
  it('returns null when SecAuditEngine is Off or there is nowhere to write', () => {
    expect(createAuditLogger(Waf.fromStringSync(config('JSON', 'Off')).config)).toBeNull();
    expect(createAuditLogger(Waf.fromStringSync('SecAuditEngine On\n').config)).toBeNull();
    expect(createAuditLogger(Waf.fromStringSync('SecAuditEngine On\n').config, { write: () => {} })).not.toBeNull();
  });

  it('appends entries to the SecAuditLog file in order (the Waf writes them after phase 5)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-audit-'));
    try {
      const file = join(dir, 'audit.log');
      const waf = Waf.fromStringSync(`SecRuleEngine On\nSecAuditEngine On\nSecAuditLog ${file}\nSecAuditLogFormat JSON\n`);
      for (const uri of ['/one', '/two', '/caf\xc3\xa9']) run(waf, { uri });
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l).transaction.request.uri)).toEqual(['/one', '/two', '/café']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never throws into the request path and reports the first failure once', () => {
    const waf = Waf.fromStringSync(config('Native', 'On'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const logger = createAuditLogger(waf.config, { write: () => { throw new Error('disk full'); } })!;
      expect(() => { logger(run(waf)); logger(run(waf)); }).not.toThrow();
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0]![0])).toContain('disk full');
    } finally {
      error.mockRestore();
    }
  });
});

describe('JSON format', () => {
  it.skipIf(!existsSync(SAMPLE))('has the key paths of the libmodsecurity 3.0.9 sample, plus the request body (needs ../shared)', () => {
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    const { entries } = audit(config('JSON', 'RelevantOnly', 'SecComponentSignature "OWASP_CRS/4.28.0"\n') + SQLI_RULE, LOGIN);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.endsWith('}\n')).toBe(true);
    expect(entries[0]!.trimEnd()).not.toContain('\n');
    const ours = keyPaths(JSON.parse(entries[0]!));
    const theirs = keyPaths(sample);
    expect([...theirs].filter((p) => !ours.has(p))).toEqual([]);
    expect([...ours].filter((p) => !theirs.has(p))).toEqual(['transaction.request.body']);
  });

  it('writes the transaction the way libmodsecurity does, without 3.0.9 bugs', () => {
    const { entries, tx } = audit(config('JSON', 'RelevantOnly', 'SecComponentSignature "OWASP_CRS/4.28.0"\n') + SQLI_RULE, LOGIN);
    const t = JSON.parse(entries[0]!).transaction;
    expect(t.client_ip).toBe('127.0.0.1');
    expect(t.unique_id).toBe(tx.uniqueId);
    expect(t.time_stamp).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(t.server_id).toMatch(/^[0-9a-f]{40}$/);
    expect(entries[0]).toContain('"http_version":1.1,');
    expect(t.request).toMatchObject({ method: 'POST', uri: '/login?next=%2Fhome', body: LOGIN.body });
    expect(t.request.headers).toMatchObject({ Host: 'shop.example', 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(t.response).toEqual({ body: '', http_code: 403, headers: {} });
    expect(t.producer).toMatchObject({ secrules_engine: 'Enabled', components: ['OWASP_CRS/4.28.0'] });
    expect(t.producer.modsecurity).toMatch(/^portcullis/);
    expect(t.messages).toHaveLength(1);
    expect(t.messages[0].message).toBe('SQL Injection Attack Detected');
    expect(t.messages[0].details).toMatchObject({
      ruleId: '942100', severity: '2', ver: 'OWASP_CRS/4.28.0', tags: ['attack-sqli', 'OWASP_CRS'],
      data: "Matched Data: admin' OR 1=1--", maturity: '0', accuracy: '0', reference: '',
    });
    expect(t.messages[0].details.match).toMatch(/^Matched "Operator `Rx' with parameter/);
  });

  it('leaves out the request body and headers when parts B, C and I are not logged', () => {
    const { entries } = audit(config('JSON', 'On', 'SecAuditLogParts AFZ\n'), { uri: '/x' });
    const t = JSON.parse(entries[0]!).transaction;
    expect(Object.keys(t.request)).toEqual(['method', 'http_version', 'uri']);
    expect(Object.keys(t.response)).toEqual(['http_code', 'headers']);
    expect(t.producer).toBeUndefined();
    expect(t.messages).toBeUndefined();
  });
});

describe('relevance (SecAuditEngine RelevantOnly)', () => {
  const rule = (actions: string): string => `SecRule ARGS:q "@streq bad" "id:10,phase:1,pass,${actions}"\n`;

  it('logs only when a rule with auditlog matched', () => {
    expect(audit(config('JSON') + rule('log'), { uri: '/?q=good' }).entries).toHaveLength(0);
    expect(audit(config('JSON') + rule('log'), { uri: '/?q=bad' }).entries).toHaveLength(1);
    expect(audit(config('JSON') + rule('nolog'), { uri: '/?q=bad' }).entries).toHaveLength(0);
    expect(audit(config('JSON') + rule('log,noauditlog'), { uri: '/?q=bad' }).entries).toHaveLength(0);
    expect(audit(config('JSON') + rule('nolog,auditlog'), { uri: '/?q=bad' }).entries).toHaveLength(1);
  });

  it('logs when the response status matches SecAuditLogRelevantStatus', () => {
    const status = 'SecAuditLogRelevantStatus "^(?:5|4(?!04))"\n';
    expect(audit(config('JSON', 'RelevantOnly', status), { response: { status: 500 } }).entries).toHaveLength(1);
    expect(audit(config('JSON', 'RelevantOnly', status), { response: { status: 404 } }).entries).toHaveLength(0);
    expect(audit(config('JSON', 'RelevantOnly', status), { response: { status: 200 } }).entries).toHaveLength(0);
  });

  it('matches the status against the intervention status when a rule blocked', () => {
    const status = 'SecAuditLogRelevantStatus "^403$"\n';
    const blocked = audit(config('JSON', 'RelevantOnly', status) + rule('nolog,deny,status:403'), { uri: '/?q=bad' });
    expect(blocked.entries).toHaveLength(1);
    expect(JSON.parse(blocked.entries[0]!).transaction.response.http_code).toBe(403);
  });
});

describe('ctl', () => {
  it('ctl:auditEngine=Off suppresses the entry', () => {
    const rules = 'SecRule ARGS:q "@streq bad" "id:10,phase:1,pass,log,ctl:auditEngine=Off"\n';
    expect(audit(config('JSON', 'On') + rules, { uri: '/?q=bad' }).entries).toHaveLength(0);
    expect(audit(config('JSON', 'On') + rules, { uri: '/?q=good' }).entries).toHaveLength(1);
  });

  it('ctl:auditEngine=On logs a transaction RelevantOnly would skip', () => {
    const rules = 'SecRule ARGS:q "@streq bad" "id:10,phase:1,pass,nolog,ctl:auditEngine=On"\n';
    expect(audit(config('JSON') + rules, { uri: '/?q=bad' }).entries).toHaveLength(1);
  });

  it('ctl:auditLogParts=+E adds the response body', () => {
    const text = config('Native', 'On', 'SecResponseBodyAccess On\nSecAuditLogParts ABFHZ\n');
    const response = { status: 200, headers: [['Content-Type', 'text/html']] as Array<[string, string]>, body: '<p>hello</p>' };
    const without = audit(text, { uri: '/', response });
    expect(without.entries[0]).not.toMatch(/-E--/);
    const rules = 'SecAction "id:10,phase:1,pass,nolog,ctl:auditLogParts=+E"\n';
    const withE = audit(text + rules, { uri: '/', response });
    expect(withE.entries[0]).toMatch(/\n--[0-9a-f]{8}-E--\n<p>hello<\/p>\n--[0-9a-f]{8}-H--\n/);
    expect(withE.entries[0]).toContain('Response-Body-Transformed: Dechunked\n');
    const json = audit(config('JSON', 'On', 'SecResponseBodyAccess On\nSecAuditLogParts ABFHZ\n') + rules, { uri: '/', response });
    expect(JSON.parse(json.entries[0]!).transaction.response.body).toBe('<p>hello</p>');
  });
});

describe('sanitise actions', () => {
  const rules = 'SecAction "id:10,phase:2,pass,nolog,sanitiseArg:pwd,sanitiseArg:token,sanitiseRequestHeader:Authorization"\n'
    + 'SecRule ARGS:user "@rx ." "id:11,phase:2,pass,log,sanitiseMatched"\n';
  const request: TestRequest = {
    method: 'POST',
    uri: '/login?token=abc%20def&x=1',
    headers: [['Host', 'h'], ['Authorization', 'Basic dXNlcjpwYXNz'], ['Content-Type', 'application/x-www-form-urlencoded']],
    body: 'user=alice&pwd=hunter2&keep=1',
  };

  it('masks argument values in the request line and body and header values, length kept', () => {
    const { entries } = audit(config('Native', 'On', 'SecAuditLogParts ABCHZ\n') + rules, request);
    const e = entries[0]!;
    expect(e).toContain('\nPOST /login?token=*********&x=1 HTTP/1.1\n');
    expect(e).toContain('\nAuthorization: ******************\n');
    expect(e).toMatch(/-C--\nuser=\*\*\*\*\*&pwd=\*\*\*\*\*\*\*&keep=1\n--/);
    expect(e).toContain('Sanitised-Args: "token", "user", "pwd".\n');
    expect(e).toContain('Sanitised-Request-Headers: "Authorization".\n');
    expect(e).not.toContain('hunter2');
  });

  it('masks the JSON entry the same way', () => {
    const { entries } = audit(config('JSON', 'On', 'SecAuditLogParts ABCHZ\n') + rules, request);
    const t = JSON.parse(entries[0]!).transaction;
    expect(t.request.uri).toBe('/login?token=*********&x=1');
    expect(t.request.body).toBe('user=*****&pwd=*******&keep=1');
    expect(t.request.headers.Authorization).toBe('******************');
  });

  it('sanitiseResponseHeader masks a response header', () => {
    const { entries } = audit(config('Native', 'On', 'SecAuditLogParts AFZ\n') + 'SecAction "id:10,phase:3,pass,nolog,sanitiseResponseHeader:set-cookie"\n',
      { response: { status: 200, headers: [['Set-Cookie', 'sid=123'], ['Content-Type', 'text/plain']] } });
    expect(entries[0]).toMatch(/-F--\nHTTP\/1\.1 200 OK\nSet-Cookie: \*{7}\nContent-Type: text\/plain\n\n--/);
  });
});
