import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readRequests, type JsonlRequest } from './requests.js';
import { runMain, RUN_USAGE } from './run.js';

const corpus = (f: string) => fileURLToPath(new URL(`../../corpus/${f}`, import.meta.url));

describe('portcullis run on the project corpus', async () => {
  const lines: string[] = [];
  const s = await runMain({ corpora: [corpus('attacks.jsonl'), corpus('benign.jsonl')], progress: false, out: (l) => lines.push(l) });
  const text = lines.join('\n');
  const attacks = readRequests(corpus('attacks.jsonl')).filter((r): r is JsonlRequest => !('error' in r));

  it('detects every attack sample, per category', () => {
    for (const cat of ['sqli', 'xss', 'lfi', 'rce', 'ssti', 'xxe', 'nosql']) {
      const n = attacks.filter((r) => r.category === cat).length;
      expect(n, cat).toBeGreaterThan(0);
      expect(s.categories.get(cat), cat).toEqual({ requests: n, flagged: n });
    }
    expect(s.misses.filter((m) => m.expect === 'attack')).toEqual([]);
  });

  it('has no false positive on the benign samples', () => {
    expect(s.benign.requests).toBeGreaterThan(100);
    expect(s.benign.flagged).toBe(0);
  });

  it('prints the category table, the per-file table and latency', () => {
    expect(text).toMatch(/^ {2}sqli\s+\d+\s+\d+\s+0\s+100\.00 %$/m);
    expect(text).toMatch(/^ {2}benign\s+122\s+0\s+0\.00 %$/m);
    expect(text).toMatch(/corpus\/attacks\.jsonl\s+95\s+95\s+95\s+100\.00 %/);
    expect(text).toMatch(/latency .*mean [\d.]+ µs {2}p50 [\d.]+ µs {2}p99 [\d.]+ µs {2}\d+ req\/s/);
    expect(s.latency.p99_us).toBeGreaterThanOrEqual(s.latency.p50_us);
    expect(s.corpora.map((c) => c.errors)).toEqual([0, 0]);
  });

  it('counts logged attack-* rules as detections under DetectionOnly', async () => {
    const conf = fileURLToPath(new URL('../../test/rules/fixtures/detection-only.conf', import.meta.url));
    const d = await runMain({ conf, corpora: [corpus('attacks.jsonl')], progress: false, out: () => {} });
    expect(d.attacks.flagged).toBe(d.attacks.requests);
  });

  it('documents its options', () => {
    expect(RUN_USAGE).toContain('--conf');
    expect(RUN_USAGE).toContain('--corpus');
  });
});
