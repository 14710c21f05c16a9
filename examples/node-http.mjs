// node examples/node-http.mjs   (after npm run build)
import { createServer } from 'node:http';
import { Waf } from '../dist/index.js';
import { protect } from '../dist/adapters/index.js';
import { RULES, printUsage } from './rules.mjs';

const waf = Waf.fromStringSync(RULES);

async function app(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  if (req.url === '/leak') {
    res.writeHead(500, { 'content-type': 'text/plain' });
    return res.end('ORA-00933: SQL command not properly ended');
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ url: req.url, body }));
}

const server = createServer(
  protect((req, res) => void app(req, res), {
    waf,
    onLog: (e) => console.log(`[waf] rule ${e.id} "${e.msg}" ${e.client} ${e.method} ${e.uri}${e.intervention ? ` -> ${e.intervention.status}` : ''}`),
  }),
);
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => printUsage(server.address().port));
