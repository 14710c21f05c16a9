import { createServer, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { protect, type ProtectOptions, type WafLogEntry, type WafTransactionSummary } from '../../src/adapters/index.js';
import { binaryBody, brokenWaf, close, listen, makeWaf, send, sha256 } from './helpers.js';

/** The application: records what reached it and answers by path. */
function app(calls: string[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    calls.push(req.url!);
    const path = req.url!.split('?')[0];
    let body: Buffer;
    if (path === '/pipe') {
      const parts: Buffer[] = [];
      await new Promise((resolve) => req.pipe(new Writable({ write(c, _e, cb) { parts.push(c); cb(); } })).on('finish', resolve));
      body = Buffer.concat(parts);
    } else if (path === '/events') {
      const parts: Buffer[] = [];
      await new Promise((resolve) => { req.on('data', (c: Buffer) => parts.push(c)); req.on('end', resolve); });
      body = Buffer.concat(parts);
    } else {
      const parts: Buffer[] = [];
      for await (const c of req) parts.push(c as Buffer);
      body = Buffer.concat(parts);
    }
    if (path === '/leak') {
      res.setHeader('Content-Type', 'text/plain');
      res.write('public part, ');
      res.end('SECRET-LEAK');
    } else if (path === '/leak-binary') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end('SECRET-LEAK');
    } else if (path === '/leak-header') {
      res.writeHead(200, { 'X-Leak': 'yes', 'Content-Type': 'text/plain' });
      res.end('hello');
    } else if (path === '/long-text') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      for (let i = 0; i < 100; i++) res.write(`<p>line ${i} ${'x'.repeat(90)}</p>\n`);
      res.end(req.url!.includes('leak') ? 'SECRET-LEAK' : 'done');
    } else {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'X-Length': String(body.length) });
      res.end(body);
    }
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function start(options: Partial<ProtectOptions> & Pick<ProtectOptions, 'waf'>): Promise<{ port: number; calls: string[] }> {
  const calls: string[] = [];
  const handler = app(calls);
  const server = createServer(protect((req, res) => void handler(req, res), options));
  servers.push(server);
  return { port: await listen(server), calls };
}

describe('protect (node:http)', () => {
  it('warms the rule set in the background unless told not to', async () => {
    const warmed = makeWaf();
    const cold = makeWaf();
    protect(() => {}, { waf: warmed });
    protect(() => {}, { waf: cold, warm: false });
    expect(warmed.setGroups.length).toBeGreaterThan(0);
    for (let wait = 0; wait < 100 && !warmed.setGroups.every((g) => g.ready); wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warmed.setGroups.every((g) => g.ready)).toBe(true);
    expect(cold.setGroups.some((g) => g.ready)).toBe(false);
  });

  it('blocks a SQL injection in the query string with 403 without calling the application', async () => {
    const { port, calls } = await start({ waf: makeWaf() });
    const r = await send(port, { path: '/?q=1%20UNION%20SELECT%20password' });
    expect(r.status).toBe(403);
    expect(r.body.toString()).toBe('403 Forbidden\n');
    expect(calls).toEqual([]);
    const ok = await send(port, { path: '/?q=hello' });
    expect(ok.status).toBe(200);
    expect(calls).toEqual(['/?q=hello']);
  });

  it('blocks on a request header in phase 1 and on a urlencoded body in phase 2', async () => {
    const { port, calls } = await start({ waf: makeWaf() });
    expect((await send(port, { headers: { 'X-Attack': '1' } })).status).toBe(403);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await send(port, { headers: form, body: 'a=1&b=1+union+select+2' })).status).toBe(403);
    expect((await send(port, { headers: form, body: ['a=1&b=1+un', 'ion+sel', 'ect+2'] })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it.each(['/echo', '/pipe', '/events'])('hands the application byte-identical bodies (%s): binary, chunked, large', async (path) => {
    const { port } = await start({ waf: makeWaf('SecRequestBodyLimit 10485760\nSecRequestBodyNoFilesLimit 10485760') });
    const small = binaryBody(1000);
    const r1 = await send(port, { path, body: small, headers: { 'content-type': 'application/octet-stream' } });
    expect(r1.status).toBe(200);
    expect(r1.body.equals(small)).toBe(true);
    const parts = [binaryBody(10), binaryBody(70_000), Buffer.from('tail\x00\xff', 'latin1')];
    const r2 = await send(port, { path, body: parts });
    expect(r2.body.equals(Buffer.concat(parts))).toBe(true);
    const large = binaryBody(5 * 1024 * 1024);
    const r3 = await send(port, { path, body: large });
    expect(r3.status).toBe(200);
    expect(sha256(r3.body)).toBe(sha256(large));
  });

  it('inspects the body it hands on: a blocked request body never reaches the application', async () => {
    const { port, calls } = await start({ waf: makeWaf() });
    const r = await send(port, { path: '/echo', body: ['harmless ', 'but EV', 'IL inside'] });
    expect(r.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('rejects a body over SecRequestBodyLimit with 413 (Reject)', async () => {
    const { port, calls } = await start({ waf: makeWaf('SecRequestBodyLimit 1000\nSecRequestBodyLimitAction Reject') });
    const r = await send(port, { path: '/echo', body: Buffer.alloc(2000, 'a') });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(calls).toEqual([]);
    expect((await send(port, { path: '/echo', body: Buffer.alloc(1000, 'a') })).status).toBe(200);
  });

  it('applies SecRequestBodyNoFilesLimit to bodies that are not multipart', async () => {
    const { port } = await start({ waf: makeWaf('SecRequestBodyNoFilesLimit 500') });
    expect((await send(port, { path: '/echo', body: Buffer.alloc(600, 'a') })).status).toBe(413);
  });

  it('inspects only the first bytes with ProcessPartial and passes the whole body on', async () => {
    const { port, calls } = await start({ waf: makeWaf('SecRequestBodyLimit 1000\nSecRequestBodyLimitAction ProcessPartial') });
    const early = Buffer.concat([Buffer.from('EVIL'), Buffer.alloc(3000, 'a')]);
    expect((await send(port, { path: '/echo', body: [early.subarray(0, 500), early.subarray(500)] })).status).toBe(403);
    const late = Buffer.concat([Buffer.alloc(1500, 'a'), Buffer.from('EVIL'), binaryBody(50_000)]);
    const r = await send(port, { path: '/echo', body: [late.subarray(0, 700), late.subarray(700, 2000), late.subarray(2000)] });
    expect(r.status).toBe(200);
    expect(r.body.equals(late)).toBe(true);
    expect(calls).toEqual(['/echo']);
  });

  it('replaces a response whose body a phase 4 rule denies, but only for inspectable MIME types', async () => {
    const { port } = await start({ waf: makeWaf() });
    const r = await send(port, { path: '/leak' });
    expect(r.status).toBe(403);
    expect(r.body.toString()).toBe('403 Forbidden\n');
    const b = await send(port, { path: '/leak-binary' });
    expect(b.status).toBe(200);
    expect(b.body.toString()).toBe('SECRET-LEAK');
  });

  it('denies on response headers in phase 3', async () => {
    const { port } = await start({ waf: makeWaf() });
    const r = await send(port, { path: '/leak-header' });
    expect(r.status).toBe(403);
    expect(r.headers['x-leak']).toBeUndefined();
  });

  it('runs phase 3 on the headers Node sends: writeHead headers over setHeader ones, arrays, a reason phrase', async () => {
    const server = createServer(
      protect((req, res) => {
        const [path, value] = req.url!.slice(1).split('/');
        if (path === 'set-then-object') {
          res.setHeader('X-Leak', value === 'yes' ? 'no' : 'yes');
          res.writeHead(200, { 'x-leak': value, 'Content-Type': 'text/plain' });
        } else if (path === 'flat') res.writeHead(200, ['X-Leak', value, 'Content-Type', 'text/plain']);
        else if (path === 'pairs') res.writeHead(200, [['X-Leak', value], ['Content-Type', 'text/plain']]);
        else res.writeHead(201, 'Made', { 'X-Leak': value });
        res.end('body');
      }, { waf: makeWaf() }),
    );
    servers.push(server);
    const port = await listen(server);
    for (const path of ['set-then-object', 'flat', 'pairs', 'reason']) {
      expect((await send(port, { path: `/${path}/yes` })).status).toBe(403);
      const r = await send(port, { path: `/${path}/no` });
      expect([r.status, r.headers['x-leak'], r.body.toString()]).toEqual([path === 'reason' ? 201 : 200, 'no', 'body']);
    }
  });

  it('applies both rule sets when a response is protected twice', async () => {
    const inner = makeWaf('', 'SecRule RESPONSE_BODY "@contains INNER-LEAK" "id:2001,phase:4,deny,status:403"');
    const server = createServer(
      protect(
        protect((req, res) => {
          res.setHeader('Content-Type', 'text/plain');
          if (req.url === '/leak-header') res.setHeader('X-Leak', 'yes');
          res.write('part, ');
          res.end(req.url === '/inner-leak' ? 'INNER-LEAK' : 'fine');
        }, { waf: inner }),
        { waf: makeWaf() },
      ),
    );
    servers.push(server);
    const port = await listen(server);
    expect((await send(port, { path: '/inner-leak' })).status).toBe(403);
    expect((await send(port, { path: '/leak-header' })).status).toBe(403);
    const r = await send(port, { path: '/ok' });
    expect([r.status, r.body.toString()]).toEqual([200, 'part, fine']);
  });

  it('holds the response body up to SecResponseBodyLimit: Reject answers 500, ProcessPartial streams the rest', async () => {
    const reject = await start({ waf: makeWaf('SecResponseBodyLimit 2000\nSecResponseBodyLimitAction Reject') });
    expect((await send(reject.port, { path: '/long-text' })).status).toBe(500);
    const partial = await start({ waf: makeWaf('SecResponseBodyLimit 2000\nSecResponseBodyLimitAction ProcessPartial') });
    const r = await send(partial.port, { path: '/long-text?leak' });
    expect(r.status).toBe(200);
    expect(r.body.toString().endsWith('SECRET-LEAK')).toBe(true);
    expect(r.body.length).toBeGreaterThan(10_000);
  });

  it('redirects and drops', async () => {
    const { port, calls } = await start({ waf: makeWaf() });
    const r = await send(port, { path: '/old/page' });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/new');
    await expect(send(port, { path: '/drop' })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(calls).toEqual([]);
  });

  it('survives malformed JSON and multipart bodies', async () => {
    const { port } = await start({ waf: makeWaf() });
    const json = await send(port, { path: '/echo', headers: { 'content-type': 'application/json' }, body: '{"a": [1, 2' });
    expect(json.status).toBe(200);
    expect(json.body.toString()).toBe('{"a": [1, 2');
    const mp = '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated';
    const multipart = await send(port, { path: '/echo', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: mp });
    expect(multipart.status).toBe(200);
    expect(multipart.body.toString()).toBe(mp);
    const sqli = await send(port, { path: '/echo', headers: { 'content-type': 'application/json' }, body: '{"q": "1 union select 2"}' });
    expect(sqli.status).toBe(403);
  });

  it('keeps a keep-alive connection usable after a denial', async () => {
    const { port } = await start({ waf: makeWaf() });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await send(port, { agent, path: '/?q=1 union select 1'.replace(/ /g, '%20') })).status).toBe(403);
      expect((await send(port, { agent, path: '/echo', body: 'EVIL' })).status).toBe(403);
      expect((await send(port, { agent, path: '/echo', body: 'fine' })).body.toString()).toBe('fine');
    } finally {
      agent.destroy();
    }
  });

  it('copes with a client that goes away in the middle of its body', async () => {
    const { port, calls } = await start({ waf: makeWaf() });
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a part');
    await new Promise((resolve) => setTimeout(resolve, 30));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([]);
    expect((await send(port, { path: '/echo', body: 'next' })).body.toString()).toBe('next');
  });

  it('hands the engine header values as bytes, one char per byte', async () => {
    const rules = 'SecRule REQUEST_HEADERS:X-Name "@rx ^caf\u00c3\u00a9$" "id:1,phase:1,deny,status:403"';
    const { port } = await start({ waf: makeWaf('', rules) });
    // the UTF-8 bytes of "café" on the wire
    expect((await send(port, { headers: { 'X-Name': Buffer.from('café').toString('latin1') } })).status).toBe(403);
    expect((await send(port, { headers: { 'X-Name': 'cafe' } })).status).toBe(200);
  });

  it('changes nothing for the client in DetectionOnly, but logs', async () => {
    const logs: WafLogEntry[] = [];
    const summaries: WafTransactionSummary[] = [];
    const waf = makeWaf('SecRuleEngine DetectionOnly');
    const { port, calls } = await start({ waf, onLog: (e) => logs.push(e), onTransaction: (s) => summaries.push(s) });
    const r = await send(port, { path: '/echo?q=1%20union%20select%202', body: 'EVIL' });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('EVIL');
    expect((await send(port, { path: '/leak' })).body.toString()).toBe('public part, SECRET-LEAK');
    expect(calls).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logs.map((l) => l.id).sort()).toEqual([1001, 1005, 1006]);
    const sqli = logs.find((l) => l.id === 1001)!;
    expect(sqli).toMatchObject({ msg: 'SQL injection', severity: 2, tags: ['attack-sqli'], phase: 2, client: '127.0.0.1', uri: '/echo?q=1%20union%20select%202', intervention: null });
    expect(summaries).toHaveLength(2);
    expect(summaries[0]).toMatchObject({ status: 200, intervention: null, method: 'POST' });
  });

  it('reports the intervention in the log entries and the summary', async () => {
    const summaries: WafTransactionSummary[] = [];
    const { port } = await start({ waf: makeWaf(), onTransaction: (s) => summaries.push(s) });
    await send(port, { path: '/?q=1%20union%20select%202' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(summaries[0]).toMatchObject({ status: 403, intervention: { ruleId: 1001, status: 403, action: 'deny' } });
    expect(summaries[0]!.logLines[0]).toContain('[id "1001"]');
  });

  it('fails open by default and closed on request when the engine throws', async () => {
    const errors: unknown[] = [];
    const open = await start({ waf: brokenWaf(), onError: (e) => errors.push(e) });
    const r = await send(open.port, { path: '/echo?q=1%20union%20select%202', body: 'EVIL' });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('EVIL');
    expect(errors).toHaveLength(1);
    const closed = await start({ waf: brokenWaf(), failOpen: false, onError: (e) => errors.push(e) });
    expect((await send(closed.port, { path: '/echo', body: 'fine' })).status).toBe(500);
    expect(closed.calls).toEqual([]);
  });

  it('fails open when the engine throws while reading the body, still handing the body on', async () => {
    const waf = makeWaf();
    const errors: unknown[] = [];
    const failing = Object.assign(Object.create(waf), {
      transaction: (o: object) => Object.assign(waf.transaction(o), { appendRequestBody: () => { throw new Error('boom'); } }),
    });
    const { port } = await start({ waf: failing, onError: (e) => errors.push(e) });
    const r = await send(port, { path: '/echo', body: ['abc', 'def'] });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('abcdef');
    expect(errors).toHaveLength(1);
  });
});
