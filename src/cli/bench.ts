import { Waf } from '../waf.js';
import { readRequests, runRequest, type JsonlRequest } from './requests.js';

export interface BenchOptions {
  conf: string;
  input: string;
  passes: number;
  warmup: number;
  /**
   * Requests for the warm-up passes instead of `input`: other requests of the same shapes, so that
   * the JIT is warm while the timed requests' values stay new to the engine (its table of value
   * analyses would otherwise answer a repeated request from memory).
   */
  warmupInput?: string;
  json: boolean;
}

export interface BenchResult {
  config: string;
  corpus: string;
  requests: number;
  passes: number;
  warmup: number;
  /** the corpus of the warm-up passes (the timed one unless --warmup-in) */
  warmup_corpus: string;
  load_ms: number;
  /** Waf.warm(): the set programs and automata built before the first request, as the adapters do */
  warm_ms: number;
  rules: number;
  req_per_s: number;
  mean_us: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  max_us: number;
  peak_rss_mib: number;
  /** RSS right after loading the rules, the corpus already read (as modsec-eval measures it). */
  rss_after_load_mib: number;
  /** The same just before loading: the difference is what the rules cost. */
  rss_before_load_mib: number;
  pass_req_per_s: number[];
  logged_requests: number;
  intervened_requests: number;
}

const mib = (bytes: number) => bytes / 1048576;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

const readable = (r: ReturnType<typeof readRequests>[number]): r is JsonlRequest => !('error' in r);

/**
 * `portcullis bench`: times whole transactions (phases 1-5 with the request's or a minimal
 * response) the way `modsec-eval --bench` does, so the two print comparable lines.
 */
export async function bench(o: BenchOptions, out: (s: string) => void = console.log): Promise<BenchResult> {
  const all = readRequests(o.input);
  const good = all.filter(readable);
  const rssBeforeLoad = process.memoryUsage().rss;
  const t0 = performance.now();
  const waf = await Waf.fromFile(o.conf);
  const loadMs = performance.now() - t0;
  const rssAfterLoad = process.memoryUsage().rss;
  // read after the RSS figure, which counts the timed corpus only (as modsec-eval's does)
  const warmupRequests = o.warmupInput === undefined ? good : readRequests(o.warmupInput).filter(readable);
  const tw = performance.now();
  await waf.warm();
  const warmMs = performance.now() - tw;
  let peakRss = process.memoryUsage().rss;
  let logged = 0;
  let intervened = 0;
  for (let w = 0; w < o.warmup; w++) for (const r of warmupRequests) runRequest(waf, r);
  const us = new Float64Array(good.length * o.passes);
  const passRates: number[] = [];
  let n = 0;
  const wallStart = performance.now();
  for (let pass = 0; pass < o.passes; pass++) {
    const passStart = performance.now();
    for (const r of good) {
      const s = performance.now();
      const tx = runRequest(waf, r);
      us[n++] = (performance.now() - s) * 1000;
      if (pass === 0) {
        if (tx.matchedRules().some((m) => m.logged)) logged++;
        if (tx.intervention()?.disruptive) intervened++;
      }
    }
    passRates.push(good.length / ((performance.now() - passStart) / 1000));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wallS = (performance.now() - wallStart) / 1000;
  const sorted = us.slice().sort();
  let sum = 0;
  for (const v of us) sum += v;
  const result: BenchResult = {
    config: o.conf,
    corpus: o.input,
    requests: good.length,
    passes: o.passes,
    warmup: o.warmup,
    warmup_corpus: o.warmupInput ?? o.input,
    load_ms: loadMs,
    warm_ms: warmMs,
    rules: waf.compiled.rules.length,
    req_per_s: n / wallS,
    mean_us: n ? sum / n : 0,
    p50_us: percentile(sorted, 50),
    p90_us: percentile(sorted, 90),
    p99_us: percentile(sorted, 99),
    max_us: sorted.length ? sorted[sorted.length - 1]! : 0,
    peak_rss_mib: mib(peakRss),
    rss_after_load_mib: mib(rssAfterLoad),
    rss_before_load_mib: mib(rssBeforeLoad),
    pass_req_per_s: passRates,
    logged_requests: logged,
    intervened_requests: intervened,
  };
  out(`Config:            ${o.conf}`);
  out(`corpus:            ${o.input} (${good.length} requests, ${all.length - good.length} unreadable)`);
  out(`rule load:         ${loadMs.toFixed(1)} ms (${result.rules} rules), RSS after load ${mib(rssAfterLoad).toFixed(1)} MiB (+${mib(rssAfterLoad - rssBeforeLoad).toFixed(1)} MiB for rules)`);
  out(`warm():            ${warmMs.toFixed(1)} ms (set programs and automata built before the first request, as the adapters do)`);
  const warmupOf = o.warmupInput === undefined ? '' : ` over ${o.warmupInput} (${warmupRequests.length} requests)`;
  out(`passes:            ${o.passes} (+${o.warmup} warm-up${warmupOf}), ${n} transactions, ${wallS.toFixed(3)} s wall`);
  out(`throughput:        ${result.req_per_s.toFixed(0)} req/s (single thread)`);
  out(`per request (us):  mean ${result.mean_us.toFixed(1)}  p50 ${result.p50_us.toFixed(1)}  p90 ${result.p90_us.toFixed(1)}  p99 ${result.p99_us.toFixed(1)}  max ${result.max_us.toFixed(1)}`);
  out(`first pass:        ${logged}/${good.length} requests logged >=1 rule, ${intervened} intervened`);
  out(`peak RSS:          ${mib(peakRss).toFixed(1)} MiB`);
  if (o.json) out(JSON.stringify(result));
  return result;
}
