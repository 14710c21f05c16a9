// The README's test command: vitest (unit and integration suites), then the CRS regression suite
// in-process when ../shared is beside the repo. Ends with one plain `N passed, N failed` line
// that counts every suite it ran, and fails when the CRS pass count drops below the committed bar.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared');
let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

const report = join(root, 'vitest.json');
rmSync(report, { force: true });
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  failed += 1;
}
if (vitest.status !== 0) exitCode = vitest.status || 1;

const crsTests = join(shared, 'crs/tests/regression/tests');
const crsConf = join(shared, 'peers/modsec/conf/crs-regression.conf');
if (process.argv.length > 2) {
  console.log('CRS regression suite: skipped (vitest arguments given)');
} else if (!existsSync(crsTests) || !existsSync(crsConf)) {
  console.log(`CRS regression suite: skipped (${shared} is not present)`);
} else {
  const summaryFile = join(root, 'crs-ftw-summary.json');
  rmSync(summaryFile, { force: true });
  console.log('\nCRS 4.28 regression suite (in-process go-ftw runner):');
  spawnSync('node', [join(root, 'dist/cli/main.js'), 'ftw', '--conf', crsConf, '--tests', crsTests, '--summary', summaryFile], { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
  const bar = JSON.parse(readFileSync(join(root, 'test/crs-bar.json'), 'utf8'));
  if (!existsSync(summaryFile)) {
    console.log('CRS suite: the runner produced no summary');
    failed += 1;
    exitCode ||= 1;
  } else {
    const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    if (s.passed < bar.passed) {
      console.log(`CRS suite below the committed bar: ${s.passed} passed < ${bar.passed} (test/crs-bar.json)`);
      exitCode ||= 1;
    } else {
      console.log(`CRS suite: ${s.passed}/${s.judged} judged tests pass (bar ${bar.passed})`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
