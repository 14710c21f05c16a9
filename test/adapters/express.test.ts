import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wafMiddleware, type ProtectOptions } from '../../src/adapters/index.js';
import { binaryBody, brokenWaf, close, listen, makeWaf, send, sha256 } from './helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
  vi.restoreAllMocks();
});

/** An express app with the WAF mounted (before the body parsers unless `parsersFirst`). */
async function start(options: ProtectOptions, parsersFirst = false, before: express.RequestHandler[] = []): Promise<{ port: number; calls: string[] }> {
  const calls: string[] = [];
  const app = express();
  const parsers = [express.json(), express.urlencoded({ extended: false }), express.raw({ type: 'application/octet-stream', limit: '10mb' })];
  if (before.length) app.use(...before);
  if (parsersFirst) app.use(...parsers);
  app.use('/api', wafMiddleware(options));
  if (!parsersFirst) app.use(...parsers);
  app.post('/api/json', (req, res) => {
    calls.push(req.originalUrl);
    res.json({ got: req.body });
  });
  app.post('/api/raw', (req, res) => {
    calls.push(req.originalUrl);
    res.type('application/octet-stream').send(req.body);
  });
  app.get('/api/page', (req, res) => {
    calls.push(req.originalUrl);
    res.send(req.query.leak ? '<p>SECRET-LEAK</p>' : '<p>hello</p>');
  });
  const server = createServer(app);
  servers.push(server);
  return { port: await listen(server), calls };
}

describe('wafMiddleware (express)', () => {
  it('sees the full original URL below a mount path', async () => {
    const { port, calls } = await start({ waf: makeWaf('SecRule REQUEST_FILENAME "@beginsWith /api/page" "id:9,phase:1,pass,log,msg:\'seen\'"') });
    expect((await send(port, { path: '/api/page?q=1%20union%20select%202' })).status).toBe(403);
    expect(calls).toEqual([]);
    expect((await send(port, { path: '/api/page' })).body.toString()).toBe('<p>hello</p>');
  });

  it('blocks body attacks before express.json and express.urlencoded parse them, and passes the same bytes on', async () => {
    const { port, calls } = await start({ waf: makeWaf() });
    expect((await send(port, { path: '/api/json', headers: { 'content-type': 'application/json' }, body: '{"q":"1 union select 2"}' })).status).toBe(403);
    expect((await send(port, { path: '/api/json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: ['q=1+union', '+select+2'] })).status).toBe(403);
    expect(calls).toEqual([]);
    const ok = await send(port, { path: '/api/json', headers: { 'content-type': 'application/json; charset=utf-8' }, body: ['{"q":"h', '\u00e9llo"}'] });
    expect(JSON.parse(ok.body.toString())).toEqual({ got: { q: 'h\u00e9llo' } });
    const form = await send(port, { path: '/api/json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=two' });
    expect(JSON.parse(form.body.toString())).toEqual({ got: { a: '1', b: 'two' } });
  });

  it('hands express.raw byte-identical binary and large bodies', async () => {
    const { port } = await start({ waf: makeWaf('SecRequestBodyLimit 10485760\nSecRequestBodyNoFilesLimit 10485760') });
    const type = { 'content-type': 'application/octet-stream' };
    const parts = [binaryBody(256), binaryBody(100_000)];
    expect((await send(port, { path: '/api/raw', headers: type, body: parts })).body.equals(Buffer.concat(parts))).toBe(true);
    const large = binaryBody(4 * 1024 * 1024);
    expect(sha256((await send(port, { path: '/api/raw', headers: type, body: large })).body)).toBe(sha256(large));
  });

  it('rejects oversized bodies with 413 and replaces a leaking response', async () => {
    const { port, calls } = await start({ waf: makeWaf('SecRequestBodyLimit 100') });
    expect((await send(port, { path: '/api/raw', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(200) })).status).toBe(413);
    expect(calls).toEqual([]);
    const leak = await send(port, { path: '/api/page?leak=1' });
    expect(leak.status).toBe(403);
    expect(leak.body.toString()).toBe('403 Forbidden\n');
  });

  it('survives malformed JSON: the WAF passes it, express.json answers 400', async () => {
    const { port } = await start({ waf: makeWaf() });
    expect((await send(port, { path: '/api/json', headers: { 'content-type': 'application/json' }, body: '{"a":' })).status).toBe(400);
    expect((await send(port, { path: '/api/page' })).status).toBe(200);
  });

  it('warns once when a body parser ran first, and can deny such requests instead', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { port } = await start({ waf: makeWaf() }, true);
    const json = { 'content-type': 'application/json' };
    expect((await send(port, { path: '/api/json', headers: json, body: '{"a":1}' })).status).toBe(200);
    expect((await send(port, { path: '/api/json', headers: json, body: '{"a":2}' })).status).toBe(200);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/before body parsers/);
    const strict = await start({ waf: makeWaf(), consumedBody: 'deny' }, true);
    expect((await send(strict.port, { path: '/api/json', headers: json, body: '{"a":1}' })).status).toBe(500);
  });

  it('inspects the part of a body Node buffered while earlier middleware awaited something', async () => {
    const slow: express.RequestHandler = (_req, _res, next) => void setTimeout(next, 30);
    const { port, calls } = await start({ waf: makeWaf() }, false, [slow]);
    const type = { 'content-type': 'application/octet-stream' };
    expect((await send(port, { path: '/api/raw', headers: type, body: Buffer.from('xx EVIL xx') })).status).toBe(403);
    expect((await send(port, { path: '/api/raw', headers: type, body: [Buffer.from('EV'), Buffer.from('IL')] })).status).toBe(403);
    expect(calls).toEqual([]);
    const parts = [binaryBody(100), binaryBody(3000)];
    expect((await send(port, { path: '/api/raw', headers: type, body: parts })).body.equals(Buffer.concat(parts))).toBe(true);
    const whole = binaryBody(2000);
    expect((await send(port, { path: '/api/raw', headers: type, body: whole })).body.equals(whole)).toBe(true);
  });

  it('fails open by default and closed on request', async () => {
    const errors: unknown[] = [];
    const open = await start({ waf: brokenWaf(), onError: (e) => errors.push(e) });
    expect((await send(open.port, { path: '/api/json', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })).status).toBe(200);
    const closed = await start({ waf: brokenWaf(), failOpen: false, onError: (e) => errors.push(e) });
    expect((await send(closed.port, { path: '/api/page' })).status).toBe(500);
    expect(errors).toHaveLength(2);
  });
});
