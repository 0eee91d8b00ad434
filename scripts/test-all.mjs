// @ts-check
// `npm test`: every check, in order, then one closing line `N passed, N failed`.
//
//   typecheck  tsc -b                        a failure counts as 1 failed
//   lint       eslint . --max-warnings=0     a failure counts as 1 failed
//   unit       vitest run                    counts its tests (JSON report)
//   build      vite build                    a failure counts as 1 failed, and e2e as 1 more
//   e2e        playwright test               counts its tests (JSON report)
//
// Every stage runs even when an earlier one failed, so the count is complete. The exit code is
// non-zero when anything failed. Nothing may be printed after the closing line: CI reads it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = join(root, 'test-results');
const vitestReport = join(reportDir, 'vitest.json');
const playwrightReport = join(reportDir, 'playwright.json');

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, note?: string }} StageResult */
/** @type {StageResult[]} */
const results = [];

/**
 * Runs a tool from node_modules/.bin with the terminal attached; returns true when it exits 0.
 * @param {string} tool
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(tool, args, env = {}) {
  const bin = join(root, 'node_modules', '.bin', tool);
  const { status, error } = spawnSync(bin, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (error) console.error(`test-all: could not start ${tool}: ${error.message}`);
  return status === 0;
}

/** @param {string} title */
function banner(title) {
  console.log(`\n=== ${title} ===`);
}

/**
 * A stage whose result is pass or fail, without a test count.
 * @param {string} name
 * @param {string} tool
 * @param {string[]} args
 */
function gate(name, tool, args) {
  banner(name);
  const ok = run(tool, args);
  results.push({ name, passed: 0, failed: ok ? 0 : 1, skipped: 0, note: ok ? 'ok' : 'FAILED' });
  return ok;
}

/** @param {string} file */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function unitTests() {
  banner('unit tests (vitest)');
  rmSync(vitestReport, { force: true });
  const ok = run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
  const report = readJson(vitestReport);
  /** @type {StageResult} */
  const result = { name: 'unit', passed: 0, failed: 0, skipped: 0 };
  if (report) {
    result.passed = report.numPassedTests ?? 0;
    result.failed = report.numFailedTests ?? 0;
    result.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A test file that fails to load has no failed test of its own: count the file.
    for (const file of report.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((/** @type {any} */ t) => t.status === 'failed');
      if (file.status === 'failed' && failedTests.length === 0) result.failed += 1;
    }
  }
  if (!ok && result.failed === 0) {
    result.failed = 1;
    result.note = report ? 'vitest exited with an error' : 'vitest wrote no report';
  }
  results.push(result);
}

function e2eTests() {
  banner('e2e tests (playwright)');
  rmSync(playwrightReport, { force: true });
  const ok = run('playwright', ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport });
  const report = readJson(playwrightReport);
  /** @type {StageResult} */
  const result = { name: 'e2e', passed: 0, failed: 0, skipped: 0 };
  if (report?.stats) {
    result.passed = (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
    result.failed = report.stats.unexpected ?? 0;
    result.skipped = report.stats.skipped ?? 0;
  }
  // Errors outside any test (config, web server, a spec that fails to load) fail the run too.
  if (!ok && result.failed === 0) {
    result.failed = 1;
    result.note = report ? 'playwright exited with an error' : 'playwright wrote no report';
  }
  results.push(result);
}

mkdirSync(reportDir, { recursive: true });
gate('typecheck', 'tsc', ['-b']);
gate('lint', 'eslint', ['.', '--max-warnings=0']);
unitTests();
if (gate('build', 'vite', ['build'])) {
  e2eTests();
} else {
  results.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed' });
}
banner('summary');
// Stage lines avoid the `N passed, N failed` shape so that only the closing line has it.
for (const r of results) {
  const counted = r.name === 'unit' || r.name === 'e2e';
  const counts = `${r.passed} passed · ${r.failed} failed${r.skipped ? ` · ${r.skipped} skipped` : ''}`;
  const detail = counted ? `${counts}${r.note ? ` (${r.note})` : ''}` : r.note;
  console.log(`- ${r.name.padEnd(9)} ${detail}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
