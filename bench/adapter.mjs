#!/usr/bin/env node
// What the node:http adapter costs per request, in one process and without sockets or a parser:
//   node bench/adapter.mjs [--passes 40] [--only bare,empty,crs] [--base DIR] [--n 200]
// node:http's own IncomingMessage and ServerResponse objects are driven the way its server drives
// them, so the figures are steady enough to compare two builds of the adapter (--base: another
// build's dist/, whose protect variants run alongside). See bench/README.md.
import { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { CRS_CONF, ROOT, app, benignLines } from './shared-data.mjs';

const EMPTY_RULES = 'SecRuleEngine On\nSecRequestBodyAccess On\nSecResponseBodyAccess On\nSecResponseBodyMimeType text/plain text/html\n';

const { values: opts } = parseArgs({
  options: {
    passes: { type: 'string', default: '40' },
    only: { type: 'string', default: 'bare,empty,crs' },
    base: { type: 'string' },
    n: { type: 'string', default: '200' },
  },
});

/** The benign corpus as node's parser hands it over (autocannon's Connection first, Content-Length last). */
function benignRequests(n) {
  const lines = benignLines(n);
  return lines.map((line) => {
    const r = JSON.parse(line);
    const rawHeaders = ['Connection', 'keep-alive'];
    for (const [name, value] of r.headers) {
      if (!/^(connection|content-length|transfer-encoding)$/i.test(name)) rawHeaders.push(name, latin1(value));
    }
    const body = r.body ? Buffer.from(r.body, 'utf8') : null;
    if (body) rawHeaders.push('Content-Length', String(body.length));
    return { method: r.method === 'HEAD' ? 'GET' : r.method, url: r.uri, rawHeaders, body };
  });
}

const latin1 = (s) => Buffer.from(s, 'utf8').toString('latin1');
/** A new string object with the same chars, as the parser makes one per request. */
const fresh = (s) => Buffer.from(s, 'latin1').toString('latin1');

// Writes go nowhere; the address getters the adapter reads are plain properties.
const socket = new Duplex({ read() {}, write: (_chunk, _encoding, cb) => cb(), writev: (_chunks, cb) => cb() });
Object.assign(socket, { remoteAddress: '127.0.0.1', remotePort: 40000, localAddress: '127.0.0.1', localPort: 8080 });

/** The strings and body of a request as new objects, made before the timed run that uses them. */
const copy = (r) => ({ method: r.method, url: fresh(r.url), rawHeaders: r.rawHeaders.map(fresh), body: r.body && Buffer.from(r.body) });

/**
 * One request through `listener` as node's server runs it: the listener is called at the end of the
 * headers, the body and its end are pushed after it returns, and 'close' follows 'finish' on the next
 * tick (resOnFinish). Resolves with the status once the response closed.
 */
function exchange(listener, r) {
  return new Promise((done) => {
    const req = new IncomingMessage(socket);
    req.method = r.method;
    req.url = r.url;
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    req.httpVersion = '1.1';
    req.rawHeaders = r.rawHeaders;
    const res = new ServerResponse(req);
    res.assignSocket(socket);
    res.on('finish', () => {
      res.detachSocket(socket);
      process.nextTick(() => {
        res.emit('close');
        done(res.statusCode);
      });
    });
    listener(req, res);
    if (r.body) req.push(r.body);
    req.complete = true;
    req.push(null);
  });
}

async function variants() {
  const kinds = opts.only.split(',').filter(Boolean);
  const builds = [['', join(ROOT, 'dist')], ...(opts.base ? [['base ', resolve(opts.base)]] : [])];
  const out = [];
  for (const kind of kinds) {
    if (kind === 'bare') {
      out.push({ name: 'bare', listener: app });
      continue;
    }
    if (kind !== 'empty' && kind !== 'crs') throw new Error(`--only: unknown variant '${kind}' (bare, empty, crs)`);
    for (const [label, dist] of builds) {
      const { Waf } = await import(join(dist, 'index.js'));
      const { protect } = await import(join(dist, 'adapters/index.js'));
      const waf = kind === 'crs' ? Waf.fromFileSync(CRS_CONF) : Waf.fromStringSync(EMPTY_RULES);
      out.push({ name: `${label}${kind}`, listener: protect(app, { waf }) });
    }
  }
  return out;
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const requests = benignRequests(Number(opts.n));
  const runs = await variants();
  const passes = Number(opts.passes);
  const WARMUP = 3;
  for (const v of runs) v.us = [];
  // variants alternate pass by pass (the order reversed every other pass): the machine's noise hits them alike
  for (let p = 0; p < WARMUP + passes; p++) {
    for (const v of p % 2 ? runs.slice().reverse() : runs) {
      const copies = requests.map(copy);
      const t = performance.now();
      for (const r of copies) {
        const status = await exchange(v.listener, r);
        if (status !== 200) throw new Error(`${v.name}: status ${status} for ${r.method} ${r.url}`);
      }
      if (p >= WARMUP) v.us.push(((performance.now() - t) * 1000) / requests.length);
    }
  }
  console.log(`${requests.length} benign requests, ${passes} passes of each variant in turn (+${WARMUP} warm-up); µs per request`);
  console.log('| variant | median | best | median of paired differences to bare |');
  console.log('| --- | ---: | ---: | ---: |');
  const bare = runs.find((v) => v.name === 'bare');
  for (const v of runs) {
    const diff = bare && v !== bare ? median(v.us.map((us, i) => us - bare.us[i])).toFixed(2) : '';
    console.log(`| ${v.name} | ${median(v.us).toFixed(2)} | ${Math.min(...v.us).toFixed(2)} | ${diff} |`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
