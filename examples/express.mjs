// node examples/express.mjs   (after npm run build)
import express from 'express';
import { Waf } from '../dist/index.js';
import { wafMiddleware } from '../dist/adapters/index.js';
import { RULES, printUsage } from './rules.mjs';

const waf = Waf.fromStringSync(RULES);
const app = express();

// before the body parsers: the WAF reads the body, inspects it, and hands the same bytes on
app.use(wafMiddleware({ waf, onLog: (e) => console.log(`[waf] rule ${e.id} "${e.msg}" ${e.client} ${e.uri}`) }));
app.use(express.json(), express.urlencoded({ extended: false }));

app.all('/search', (req, res) => res.json({ query: req.query, body: req.body ?? null }));
app.get('/leak', (_req, res) => res.status(500).type('text/plain').send('ORA-00933: SQL command not properly ended'));

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => printUsage(server.address().port));
