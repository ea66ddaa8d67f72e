/**
 * Adds up the vitest JSON reports in dist/test-results into one "N passed, N failed" line, with the
 * lint reports (<project>.lint.json, scripts/eslint-test-report.cjs: one check per project).
 * Argument: the exit status of the nx run; a failing task without a failed test (a type
 * error, say) still counts as one failure, so the line never hides a red run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface VitestReport {
  lint?: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const dir = join(import.meta.dirname, '..', 'dist', 'test-results');
const status = Number(process.argv[2] ?? 0);
const reports = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];

let passed = 0;
let failed = 0;
let skipped = 0;
let linted = 0;
for (const file of reports.sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8')) as VitestReport;
  if (r.lint) linted++;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}
if (status !== 0 && failed === 0) {
  console.log('a task failed without a failing test (type errors or a crash): see the output above');
  failed = 1;
}
console.log(`${reports.length - linted} projects reported tests, ${linted} projects were linted`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
