import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { wafPlugin, type ProtectOptions, type WafTransactionSummary } from '../../src/adapters/index.js';
import { binaryBody, brokenWaf, makeWaf, send, sha256 } from './helpers.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function start(options: ProtectOptions): Promise<{ port: number; calls: string[] }> {
  const calls: string[] = [];
  const app = Fastify({ bodyLimit: 16 * 1024 * 1024 });
  apps.push(app);
  await app.register(wafPlugin, options);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/echo', async (req, reply) => {
    calls.push(req.url);
    return reply.type('application/octet-stream').send(req.body as Buffer);
  });
  app.post('/json', async (req) => {
    calls.push(req.url);
    return { got: req.body };
  });
  app.get('/', async (req) => {
    calls.push(req.url);
    return 'hello';
  });
  app.get('/leak', async () => 'public part, SECRET-LEAK');
  app.get('/leak-stream', async (_req, reply) => reply.type('text/html').send(Readable.from(['<p>', 'SECRET-', 'LEAK', '</p>'])));
  app.get('/safe-stream', async (_req, reply) => reply.type('text/html').send(Readable.from(['<p>', 'all ', 'good', '</p>'])));
  app.get('/leak-header', async (_req, reply) => reply.header('x-leak', 'yes').send('hi'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, calls };
}

describe('wafPlugin (fastify)', () => {
  it('blocks attacks in the query, headers and body, and lets benign requests through', async () => {
    const { port, calls } = await start({ waf: makeWaf() });
    expect((await send(port, { path: '/?q=1%20union%20select%202' })).status).toBe(403);
    expect((await send(port, { headers: { 'X-Attack': '1' } })).status).toBe(403);
    const json = { 'content-type': 'application/json' };
    expect((await send(port, { path: '/json', headers: json, body: '{"q":"1 union select 2"}' })).status).toBe(403);
    expect(calls).toEqual([]);
    expect((await send(port)).body.toString()).toBe('hello');
    const ok = await send(port, { path: '/json', headers: json, body: ['{"q":', '"fine"}'] });
    expect(JSON.parse(ok.body.toString())).toEqual({ got: { q: 'fine' } });
  });

  it('hands the route byte-identical bodies: binary, chunked, large', async () => {
    const { port } = await start({ waf: makeWaf('SecRequestBodyLimit 10485760\nSecRequestBodyNoFilesLimit 10485760') });
    const type = { 'content-type': 'application/octet-stream' };
    const parts = [binaryBody(300), binaryBody(70_000)];
    const r1 = await send(port, { path: '/echo', headers: type, body: parts });
    expect(r1.body.equals(Buffer.concat(parts))).toBe(true);
    const large = binaryBody(5 * 1024 * 1024);
    const r2 = await send(port, { path: '/echo', headers: type, body: large });
    expect(sha256(r2.body)).toBe(sha256(large));
    expect((await send(port, { path: '/echo', headers: type, body: ['EV', 'IL'] })).status).toBe(403);
  });

  it('rejects oversized bodies with 413, or inspects the first bytes with ProcessPartial', async () => {
    const type = { 'content-type': 'application/octet-stream' };
    const reject = await start({ waf: makeWaf('SecRequestBodyLimit 1000') });
    expect((await send(reject.port, { path: '/echo', headers: type, body: Buffer.alloc(2000, 'a') })).status).toBe(413);
    expect(reject.calls).toEqual([]);
    const partial = await start({ waf: makeWaf('SecRequestBodyLimit 1000\nSecRequestBodyLimitAction ProcessPartial') });
    const late = Buffer.concat([Buffer.alloc(1500, 'a'), Buffer.from('EVIL'), binaryBody(40_000)]);
    const r = await send(partial.port, { path: '/echo', headers: type, body: [late.subarray(0, 600), late.subarray(600)] });
    expect(r.status).toBe(200);
    expect(r.body.equals(late)).toBe(true);
    expect((await send(partial.port, { path: '/echo', headers: type, body: Buffer.concat([Buffer.from('EVIL'), late]) })).status).toBe(403);
  });

  it('replaces responses in phases 3 and 4, string and stream payloads', async () => {
    const { port } = await start({ waf: makeWaf() });
    const leak = await send(port, { path: '/leak' });
    expect(leak.status).toBe(403);
    expect(leak.body.toString()).toBe('403 Forbidden\n');
    expect((await send(port, { path: '/leak-stream' })).status).toBe(403);
    expect((await send(port, { path: '/safe-stream' })).body.toString()).toBe('<p>all good</p>');
    const header = await send(port, { path: '/leak-header' });
    expect(header.status).toBe(403);
    expect(header.headers['x-leak']).toBeUndefined();
  });

  it('redirects and drops', async () => {
    const { port } = await start({ waf: makeWaf() });
    const r = await send(port, { path: '/old' });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/new');
    await expect(send(port, { path: '/drop' })).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('survives a malformed JSON body (fastify answers 400, nothing crashes)', async () => {
    const { port } = await start({ waf: makeWaf() });
    const r = await send(port, { path: '/json', headers: { 'content-type': 'application/json' }, body: '{"a": [1' });
    expect(r.status).toBe(400);
    expect((await send(port)).status).toBe(200);
  });

  it('changes nothing in DetectionOnly and reports the matches', async () => {
    const summaries: WafTransactionSummary[] = [];
    const { port } = await start({ waf: makeWaf('SecRuleEngine DetectionOnly'), onTransaction: (s) => summaries.push(s) });
    expect((await send(port, { path: '/?q=1%20union%20select%202' })).body.toString()).toBe('hello');
    expect((await send(port, { path: '/leak' })).body.toString()).toBe('public part, SECRET-LEAK');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(summaries.map((s) => s.matched.map((m) => m.id))).toEqual([[1001], [1006]]);
  });

  it('fails open by default and closed on request', async () => {
    const errors: unknown[] = [];
    const open = await start({ waf: brokenWaf(), onError: (e) => errors.push(e) });
    expect((await send(open.port, { path: '/?q=1%20union%20select%202' })).status).toBe(200);
    const closed = await start({ waf: brokenWaf(), failOpen: false, onError: (e) => errors.push(e) });
    expect((await send(closed.port)).status).toBe(500);
    expect(errors).toHaveLength(2);
  });
});
