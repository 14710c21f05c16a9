// Sums the time spent in each host API call of the engine's Transaction (the calls an adapter or
// `runRequest` makes), by wrapping them on the prototype of the dist/ build it is given.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const HOST_CALLS = ['processUri', 'processRequestHeaders', 'appendRequestBody', 'processRequestBody', 'processResponseHeaders', 'appendResponseBody', 'processResponseBody', 'processLogging'];

/** Call before the engine runs. ms: milliseconds per call name since the last reset(). */
export async function timeTransactionCalls(dist) {
  const { Transaction } = await import(pathToFileURL(join(dist, 'engine/transaction.js')).href);
  const timer = {
    ms: Object.fromEntries(HOST_CALLS.map((c) => [c, 0])),
    reset() {
      for (const c of HOST_CALLS) timer.ms[c] = 0;
    },
    total: () => HOST_CALLS.reduce((sum, c) => sum + timer.ms[c], 0),
  };
  for (const name of HOST_CALLS) {
    const call = Transaction.prototype[name];
    // performance.now() reads the clock without entering the kernel
    Transaction.prototype[name] = function timed(...args) {
      const t = performance.now();
      try {
        return call.apply(this, args);
      } finally {
        timer.ms[name] += performance.now() - t;
      }
    };
  }
  return timer;
}
