// The literal prefilter of the RE2.Set groups (src/compiler/passes/regex-sets.ts) on CRS 4.28:
// per group, how many patterns have required literals, how the prefilter answered the values the
// engine asked about on a benign corpus, and µs per answer against the plain RE2.Set (one pass of
// the whole set, as before the prefilter), on those values and on random session ids.
//
// "cold": the programs' first pass over the values (RE2's DFA builds its states as it goes).
// "steady": after a warm-up pass over other values of the same kind (another gen-benign seed, or
// other random ids), a pass over the measured ones: the regime of a long-running process, where
// the engine only asks about values it has not seen (it keeps each value's answers).
// usage: npm run build && node bench/regex-prefilter.mjs [--n 2000] [--rounds 3]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import RE2 from 're2';
import { Waf } from '../dist/index.js';
import { RegexSetGroup } from '../dist/compiler/passes/regex-sets.js';
import { readRequests, runRequest } from '../dist/cli/requests.js';
import { requiredLiterals } from '../dist/compiler/passes/required-literals.js';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
if (!existsSync(`${shared}peers/modsec/gen-benign.mjs`)) {
  console.log(`${shared} is not present: nothing to measure`);
  process.exit(0);
}
const arg = (name, dflt) => Number(process.argv[process.argv.indexOf(name) + 1] || dflt) || dflt;
const n = arg('--n', 2000);
const rounds = arg('--rounds', 3);
const SEED = 20240607;
const dir = mkdtempSync(join(tmpdir(), 'prefilter-'));
const corpus = (seed) => {
  const file = join(dir, `benign-${seed}.jsonl`);
  writeFileSync(file, execFileSync('node', [`${shared}peers/modsec/gen-benign.mjs`, '--n', String(n), '--seed', String(seed)], { maxBuffer: 1 << 28 }));
  return file;
};

// The values each group is asked about: every call the engine makes while running a corpus (the
// warm-up corpus first, so that the measured one asks only about values the engine has not kept).
const waf = Waf.fromFileSync(`${shared}peers/modsec/conf/crs-production.conf`);
const match = RegexSetGroup.prototype.match;
function askedOn(file) {
  const asked = new Map();
  RegexSetGroup.prototype.match = function (value, utf8) {
    const values = asked.get(this) ?? [];
    values.push(value);
    asked.set(this, values);
    return match.call(this, value, utf8);
  };
  for (const r of readRequests(file)) if (!('error' in r)) runRequest(waf, r);
  RegexSetGroup.prototype.match = match;
  return asked;
}
const warmAsked = askedOn(corpus(SEED + 1));
const asked = askedOn(corpus(SEED));

const groups = new Map();
for (const phase of waf.phases) for (const s of phase?.rules ?? []) for (let r = s; r; r = r.chain) if (r.setGroup) groups.set(r.setGroup.id, r.setGroup);

/**
 * A group with the same patterns and programs of its own, so no DFA state is shared with the run
 * above; everything compiled beforehand, so that only matching is timed.
 */
function freshGroup(g) {
  const fresh = new RegexSetGroup(g.id);
  for (const source of g.sources) {
    const re = new RE2(source);
    fresh.add({ re2Source: source, test: (_, utf8) => re.test(utf8) });
  }
  fresh.prefilter = fresh.buildPrefilter();
  fresh.wholeSet();
  return fresh;
}

/** The whole set in one pass, split as the group splits it when re2's memory budget is exceeded. */
function plainSets(sources) {
  try {
    return [new RE2.Set(sources)];
  } catch {
    const half = sources.length >> 1;
    return [...plainSets(sources.slice(0, half)), ...plainSets(sources.slice(half))];
  }
}

/**
 * CPU µs per value over `values`, after an untimed pass over `warm` (CPU time of this process: the
 * machine is shared, and wall time would count the other processes' turns too).
 */
function time(answer, values, warm) {
  for (const v of warm) answer(v);
  const t = process.cpuUsage();
  for (const v of values) answer(v);
  const d = process.cpuUsage(t);
  return (d.user + d.system) / values.length;
}

/** Best of `rounds` of [plain cold, plain steady, prefilter cold, prefilter steady]. */
function timings(g, values, warm) {
  const best = [Infinity, Infinity, Infinity, Infinity];
  if (values.length === 0) return null;
  // encoded beforehand: the engine encodes each value once for all groups
  const bufs = new Map([...values, ...warm].map((v) => [v, Buffer.from(v, 'utf8')]));
  for (let round = 0; round < rounds; round++) {
    [[], warm].forEach((w, k) => {
      const sets = plainSets(g.sources);
      const plain = time((v) => {
        const b = bufs.get(v);
        for (const s of sets) s.match(b);
      }, values, w);
      const fresh = freshGroup(g);
      const pre = time((v) => fresh.match(v, () => bufs.get(v)), values, w);
      best[k] = Math.min(best[k], plain);
      best[2 + k] = Math.min(best[2 + k], pre);
    });
  }
  return best;
}

const random = () => `sessionid=${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2).toUpperCase()}`;
const f = (x) => x.toFixed(2).padStart(6);
const cells = (t) => (t === null ? ' '.repeat(27) : `${f(t[0])} ${f(t[1])} ${f(t[2])} ${f(t[3])}`);
console.log(`benign: values asked on gen-benign.mjs --n ${n} --seed ${SEED} (warm-up: seed ${SEED + 1}); µs per value, best of ${rounds}`);
console.log('literals: patterns with required literals; filtered: those the group filters by them (the rest run on every value, as do all of a group under 8)');
console.log('values: no-cand = no filtered pattern is a candidate; own = a few are (their own regexes run); whole = the whole set runs; decided = (value, filtered pattern) answers given by the literals alone');
console.log(
  'group patterns literals filtered |  values no-cand    own  whole decided | benign plain: cold steady, prefilter: cold steady | random ids (same columns)',
);
const sums = { values: 0, pairs: 0, decided: 0, noCandidate: 0, cold: [0, 0], steady: [0, 0] };
for (const [id, g] of [...groups].sort((a, b) => a[0] - b[0])) {
  const values = asked.get(g) ?? [];
  const probe = freshGroup(g);
  const p = probe.prefilter; // null: a group too small to filter
  const paths = { none: 0, own: 0, whole: 0, decided: 0 };
  const scratch = new Int32Array(g.size);
  const unfiltered = p === null ? g.size : p.unfiltered.reduce((a, s) => a + s.members.length, 0);
  for (const v of values) {
    const candidates = p === null ? g.size : p.literals.candidates(v, scratch);
    if (p === null || candidates > p.maxCandidates) paths.whole++;
    else if (candidates > 0) paths.own++;
    else paths.none++;
    paths.decided += g.size - unfiltered - Math.min(candidates, g.size - unfiltered);
  }
  const withLiterals = g.sources.filter((s) => requiredLiterals(s) !== null).length;
  const benign = timings(g, values, warmAsked.get(g) ?? []);
  const ids = Array.from({ length: 3000 }, random);
  const idTimes = timings(g, ids, Array.from({ length: 20000 }, random));
  sums.values += values.length;
  sums.noCandidate += p === null ? 0 : paths.none;
  sums.pairs += values.length * g.size;
  sums.decided += paths.decided;
  if (benign !== null) {
    sums.cold[0] += benign[0] * values.length;
    sums.steady[0] += benign[1] * values.length;
    sums.cold[1] += benign[2] * values.length;
    sums.steady[1] += benign[3] * values.length;
  }
  const pct = (k, of = values.length) => `${((100 * k) / Math.max(1, of)).toFixed(1)}%`.padStart(7);
  console.log(
    `g${id}`.padEnd(5),
    String(g.size).padStart(8),
    String(withLiterals).padStart(8),
    String(g.size - unfiltered).padStart(8),
    '|',
    String(values.length).padStart(7),
    pct(paths.none),
    pct(paths.own),
    pct(paths.whole),
    pct(paths.decided, values.length * g.size),
    '|',
    cells(benign),
    '|',
    cells(idTimes),
  );
}
const ms = (us) => (us / 1000).toFixed(1);
console.log(
  `all groups: ${sums.values} values asked; ${((100 * sums.noCandidate) / sums.values).toFixed(1)}% with no candidate in a filtered group; ${((100 * sums.decided) / sums.pairs).toFixed(1)}% of (value, pattern) answers decided by the literals alone;`,
  `matching CPU time over the corpus: cold plain ${ms(sums.cold[0])} ms, prefilter ${ms(sums.cold[1])} ms; steady plain ${ms(sums.steady[0])} ms, prefilter ${ms(sums.steady[1])} ms`,
);
