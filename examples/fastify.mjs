// node examples/fastify.mjs   (after npm run build)
import Fastify from 'fastify';
import { Waf } from '../dist/index.js';
import { wafPlugin } from '../dist/adapters/index.js';
import { RULES, printUsage } from './rules.mjs';

const waf = Waf.fromStringSync(RULES);
const app = Fastify();

await app.register(wafPlugin, { waf, onLog: (e) => console.log(`[waf] rule ${e.id} "${e.msg}" ${e.client} ${e.uri}`) });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

app.get('/search', async (req) => ({ query: req.query }));
app.post('/search', async (req) => ({ body: req.body }));
app.get('/leak', async (_req, reply) => reply.code(500).type('text/plain').send('ORA-00933: SQL command not properly ended'));

await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
printUsage(app.server.address().port);
