/**
 * Every request body of the CRS regression tests that one of our processors would see parses
 * without throwing, and the multipart/JSON/XML bodies give the outcomes the tests rely on.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { bodyProcessors } from './registry.js';
import type { BodyResult } from './types.js';

const TESTS = fileURLToPath(new URL('../../../shared/crs/tests/regression/tests/', import.meta.url));
const limits = { jsonDepthLimit: 10000, argumentsLimit: 1000, argumentSeparator: '&' };

interface Sample {
  id: string;
  contentType: string;
  body: string;
}

function processorFor(ct: string): string | null {
  const l = ct.toLowerCase();
  if (l.startsWith('multipart/form-data')) return 'MULTIPART';
  if (/^application\/(?:.+\+)?json/.test(l)) return 'JSON';
  if (/^(?:application|text)\/(?:soap\+)?xml/.test(l)) return 'XML';
  if (l.startsWith('application/x-www-form-urlencoded')) return 'URLENCODED';
  return null;
}

/** Request bodies as go-ftw sends them (multipart data gets CRLF line ends). */
function* samples(): Generator<Sample> {
  for (const dir of readdirSync(TESTS)) {
    if (!dir.startsWith('REQUEST-')) continue;
    for (const file of readdirSync(join(TESTS, dir))) {
      if (!/\.ya?ml$/.test(file)) continue;
      const doc = parseYaml(readFileSync(join(TESTS, dir, file), 'latin1')) as { tests?: Array<{ test_id: number; stages: Array<{ input: Record<string, unknown> }> }> };
      for (const t of doc?.tests ?? []) {
        for (const stage of t.stages ?? []) {
          const input = stage.input ?? {};
          const id = `${file.replace(/\.ya?ml$/, '')}-${t.test_id}`;
          if (typeof input.encoded_request === 'string') {
            const raw = Buffer.from(input.encoded_request, 'base64').toString('latin1');
            const split = raw.indexOf('\r\n\r\n');
            if (split < 0) continue;
            const ct = /^content-type:[ \t]*(.*?)\r?$/im.exec(raw.slice(0, split));
            if (ct) yield { id, contentType: ct[1]!, body: raw.slice(split + 4) };
            continue;
          }
          const headers = (input.headers ?? {}) as Record<string, string>;
          const ctKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
          if (!ctKey || typeof input.data !== 'string') continue;
          const ct = String(headers[ctKey]);
          const body = ct.includes('multipart/form-data;') ? input.data.replace(/\n/g, '\r\n') : input.data;
          yield { id, contentType: ct, body: Buffer.from(body, 'utf8').toString('latin1') };
        }
      }
    }
  }
}

describe.skipIf(!existsSync(TESTS))('CRS regression test bodies (needs ../shared/crs)', () => {
  const results = new Map<string, { processor: string; result: BodyResult }>();
  const counts: Record<string, number> = {};
  for (const s of existsSync(TESTS) ? samples() : []) {
    const name = processorFor(s.contentType);
    if (!name) continue;
    const result = bodyProcessors.get(name)!.parse(s.body, s.contentType, limits);
    results.set(s.id, { processor: name, result });
    counts[name] = (counts[name] ?? 0) + 1;
  }

  it('finds bodies for every processor', () => {
    for (const name of ['URLENCODED', 'MULTIPART', 'JSON', 'XML']) expect(counts[name] ?? 0, name).toBeGreaterThan(0);
  });

  it('922130: a control byte in a part header name is a parse error', () => {
    for (const id of ['922130-1', '922130-2']) {
      expect(results.get(id)?.result.error).toBe('Multipart parsing error: Multipart: Invalid part header (contains invalid character).');
    }
    expect(results.get('922130-3')?.result.error).toBeNull();
  });

  it('922110: part Content-Type headers reach MULTIPART_PART_HEADERS without CRLF', () => {
    const r = results.get('922110-2')!.result;
    expect(r.error).toBeNull();
    expect(r.multipart!.partHeaders).toEqual([
      ['username', 'Content-Disposition: form-data; name="username"'],
      ['username', 'Content-Type: text/plain; charset=utf-7'],
      ['dummy', 'Content-Disposition: form-data; name="dummy"'],
      ['dummy', 'Content-Type: text/plain; charset=utf-8'],
    ]);
  });

  it('JSON test bodies parse into arguments', () => {
    const json = [...results.values()].filter((r) => r.processor === 'JSON');
    expect(json.filter((r) => r.result.error === null).length).toBeGreaterThan(json.length / 2);
    expect(results.get('999999-11')?.result.args).toEqual([['profile', 'test']]);
  });

  it('XML test bodies mostly parse', () => {
    const xml = [...results.values()].filter((r) => r.processor === 'XML');
    expect(xml.filter((r) => r.result.error === null && r.result.xml).length).toBeGreaterThan(0);
  });
});
