import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Waf } from '../../src/index.js';
import { lint } from '../../src/cli/lint.js';
import { run, ids, type TestRequest } from '../engine/helpers.js';

const CONF = fileURLToPath(new URL('../../rules/portcullis.conf', import.meta.url));
const waf = await Waf.fromFile(CONF);

const json = (uri: string, body: unknown): TestRequest => ({
  method: 'POST',
  uri,
  headers: [['Host', 'api.example.test'], ['Content-Type', 'application/json']],
  body: JSON.stringify(body),
});
const get = (uri: string, headers: Array<[string, string]> = []): TestRequest => ({ uri, headers: [['Host', 'www.example.test'], ...headers] });
const denied = (r: TestRequest) => run(waf, r).intervention();

describe('default rule set rules/portcullis.conf', () => {
  it('loads with lint: 0 errors, engine On, request body access On', () => {
    const out: string[] = [];
    expect(lint(CONF, (s) => out.push(s))).toBe(0);
    expect(out.at(-1)).toMatch(/ 0 errors$/);
    expect(waf.warnings).toEqual([]);
    expect(waf.config.ruleEngine).toBe('On');
    expect(waf.config.requestBodyAccess).toBe(true);
  });

  it('gives every rule a private-range id, and every logging rule a msg, tags and a severity', () => {
    for (const r of waf.compiled.rules) {
      expect(r.id).toBeGreaterThanOrEqual(1000000);
      expect(r.id).toBeLessThanOrEqual(1099999);
    }
    const tx = run(waf, json('/api/login', { user: "' OR 1=1--" }));
    for (const m of tx.matchedRules().filter((x) => x.logged)) {
      expect(m.msg).not.toBe('');
      expect(m.tags).toContain('portcullis');
      expect(m.severity).not.toBeNull();
    }
  });

  it('blocks SQL injection in a JSON body with 403 in phase 2', () => {
    const tx = run(waf, json('/api/login', { user: { name: "admin' OR '1'='1' --" }, password: 'x' }));
    expect(tx.intervention()).toMatchObject({ disruptive: true, status: 403, phase: 2 });
    expect(ids(tx)).toContain(1042100);
    expect(tx.matchedRules().find((m) => m.id === 1042100)?.variable).toMatch(/^ARGS:(?:json\.)?user\.name$/);
  });

  it('lets ordinary JSON, form and query traffic through', () => {
    expect(denied(json('/api/v1/orders', { items: [{ sku: 'AB-12', qty: 2 }], note: "Leave it with O'Brien next door", total: 19.5 }))).toBeNull();
    expect(denied(get('/search?q=coffee+%26+tea&page=2'))).toBeNull();
    expect(
      denied({
        method: 'POST',
        uri: '/contact',
        headers: [['Host', 'www.example.test'], ['Content-Type', 'application/x-www-form-urlencoded']],
        body: 'name=Zo%C3%AB&message=Order+%231234+is+late%2C+can+you+check%3F',
      }),
    ).toBeNull();
  });

  it('blocks XXE in an XML body', () => {
    const tx = run(waf, {
      method: 'POST',
      uri: '/api/import',
      headers: [['Host', 'api.example.test'], ['Content-Type', 'application/xml']],
      body: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
    });
    expect(tx.intervention()?.status).toBe(403);
    expect(ids(tx)).toContain(1035100);
  });

  it('lets a plain XML body through', () => {
    expect(
      denied({
        method: 'POST',
        uri: '/api/import',
        headers: [['Host', 'api.example.test'], ['Content-Type', 'text/xml']],
        body: '<?xml version="1.0"?><order><id>7</id><customer>Smith &amp; Sons</customer></order>',
      }),
    ).toBeNull();
  });

  it('blocks path traversal, plain and double-encoded, in the path and in parameters', () => {
    for (const uri of ['/download?file=../../../../etc/passwd', '/download?file=%252e%252e%252f%252e%252e%252fetc%252fpasswd', '/static/..%2f..%2f..%2fwindows%2fwin.ini']) {
      const tx = run(waf, get(uri));
      expect(tx.intervention()?.status, uri).toBe(403);
      expect(ids(tx), uri).toContain(1030100);
    }
  });

  it('blocks command injection, template injection and NoSQL operators', () => {
    expect(denied(get('/ping?host=127.0.0.1%3B+cat+%2Fetc%2Fpasswd'))?.status).toBe(403);
    expect(ids(run(waf, get('/hello?name=%7B%7B7*7%7D%7D')))).toContain(1034100);
    expect(ids(run(waf, get('/api/users?user=admin&pass%5B%24ne%5D=1')))).toContain(1036100);
    expect(ids(run(waf, json('/api/login', { user: 'admin', pass: { $gt: '' } })))).toContain(1036100);
  });

  it('treats protocol anomalies by weight: a bad method blocks, a missing Host alone does not', () => {
    expect(run(waf, { method: 'TRACK', uri: '/', headers: [['Host', 'x']] }).intervention()?.status).toBe(403);
    const noHost = run(waf, { uri: '/' });
    expect(ids(noHost)).toContain(1010120);
    expect(noHost.intervention()).toBeNull();
  });

  it('blocks a JSON body that does not parse', () => {
    const tx = run(waf, { method: 'POST', uri: '/api', headers: [['Host', 'x'], ['Content-Type', 'application/json']], body: '{"a": 1' });
    expect(ids(tx)).toContain(1010150);
    expect(tx.intervention()?.status).toBe(403);
  });

  it('honours a blocking threshold set before the rule set', async () => {
    const lenient = await Waf.fromString(`SecAction "id:1,phase:1,pass,nolog,setvar:tx.blocking_threshold=100"\nInclude ${CONF}\n`);
    const tx = run(lenient, get('/download?file=../../../../etc/passwd'));
    expect(ids(tx)).toContain(1030100);
    expect(tx.intervention()).toBeNull();
  });
});
