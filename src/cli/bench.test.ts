import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bench } from './bench.js';
import { Transaction } from '../engine/transaction.js';

describe('portcullis bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
  const conf = join(dir, 'main.conf');
  writeFileSync(conf, `SecRuleEngine On
SecRule ARGS "@rx (?i)union\\s+select" "id:1,phase:2,deny,status:403,log"
SecRule ARGS "@pm passwd shadow" "id:2,phase:2,pass,log,t:lowercase"
`);
  const input = join(dir, 'requests.jsonl');
  const request = (id: string, uri: string) => JSON.stringify({ id, method: 'GET', uri, version: 'HTTP/1.1', headers: [['Host', 'localhost']] });
  writeFileSync(input, [request('a', '/?q=1+UNION+SELECT+2'), request('b', '/?f=/etc/PASSWD'), request('c', '/?q=hello'), 'not json'].join('\n'));

  it('times every pass over the readable requests, warms the rules first, and counts the first pass verdicts', async () => {
    const lines: string[] = [];
    const r = await bench({ conf, input, passes: 3, warmup: 0, json: true }, (l) => lines.push(l));
    expect(r.requests).toBe(3);
    expect(r.pass_req_per_s).toHaveLength(3);
    expect([r.logged_requests, r.intervened_requests]).toEqual([2, 1]);
    expect(r.warm_ms).toBeGreaterThanOrEqual(0);
    expect(r.p50_us).toBeLessThanOrEqual(r.p99_us);
    expect(r.p99_us).toBeLessThanOrEqual(r.max_us);
    expect(lines.some((l) => l.startsWith('warm():'))).toBe(true);
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ requests: 3, passes: 3, rules: 2 });
  });

  it('warms up on another corpus when asked: the timed values stay new to the rules', async () => {
    const warmup = join(dir, 'warmup.jsonl');
    writeFileSync(warmup, [request('w1', '/?q=warm'), request('w2', '/?q=other')].join('\n'));
    const seen: string[] = [];
    const processUri = Transaction.prototype.processUri;
    // the engine sees the warm-up corpus first, then only the timed one
    Transaction.prototype.processUri = function (this: Transaction, uri, method, version) {
      seen.push(uri);
      return processUri.call(this, uri, method, version);
    };
    try {
      const r = await bench({ conf, input, passes: 1, warmup: 2, warmupInput: warmup, json: false }, () => {});
      expect(r.warmup_corpus).toBe(warmup);
      expect(seen).toEqual(['/?q=warm', '/?q=other', '/?q=warm', '/?q=other', '/?q=1+UNION+SELECT+2', '/?f=/etc/PASSWD', '/?q=hello']);
    } finally {
      Transaction.prototype.processUri = processUri;
    }
  });
});
