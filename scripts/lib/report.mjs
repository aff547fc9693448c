// Reads one suite's vitest JSON report into a summary row and the failures it holds, so the
// closing summary of `npm test` names every failing test and its error: a red run is never a
// mystery to the person reading CI's log.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const MESSAGE_LINES = 6;

/** The first lines of an error message, without ANSI colours. */
function firstLines(message) {
  return (
    String(message ?? '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(0, MESSAGE_LINES)
      .join('\n')
  );
}

/**
 * Reads `reportFile` (vitest's `--reporter=json`) and `exitFile` of suite `name`; returns
 * `{ row, failures }` where each failure is `{ suite, test, error }`.
 */
export function readSuiteReport(root, name, reportFile, exitFile) {
  const exit = existsSync(exitFile) ? Number(readFileSync(exitFile, 'utf8').trim()) : 1;
  if (!existsSync(reportFile)) {
    const note = 'no report (crashed or timed out)';
    return {
      row: { name, passed: 0, failed: 1, skipped: 0, note },
      failures: [{ suite: name, test: '(whole suite)', error: note }],
    };
  }
  const r = JSON.parse(readFileSync(reportFile, 'utf8'));
  const row = {
    name,
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
  const failures = [];
  for (const file of r.testResults ?? []) {
    const where = relative(root, file.name ?? '');
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) {
      failures.push({
        suite: name,
        test: `${where} > ${t.fullName ?? t.title}`,
        error: firstLines((t.failureMessages ?? []).join('\n')),
      });
    }
    // A file that fails to load fails without a failed test; its message says why.
    if (file.status === 'failed' && failedTests.length === 0) {
      failures.push({ suite: name, test: `${where} (file)`, error: firstLines(file.message) });
    }
  }
  // An unhandled error fails the run without failing a test.
  if (exit !== 0 && row.failed === 0) {
    row.failed = Math.max(1, r.numFailedTestSuites);
    row.note = `exit ${exit}: failed to load or unhandled error`;
    if (failures.length === 0) {
      failures.push({
        suite: name,
        test: '(unhandled error)',
        error: `vitest exited ${exit}; see "Unhandled Errors" in the suite's log above`,
      });
    }
  }
  return { row, failures };
}

/** Prints the failures, one block each: suite, test, error's first lines. */
export function printFailures(failures) {
  if (failures.length === 0) return;
  console.info(`\n=== failures (${failures.length})`);
  for (const f of failures) {
    console.info(`\n[${f.suite}] ${f.test}`);
    if (f.error) console.info(f.error.replace(/^/gm, '    '));
  }
}
