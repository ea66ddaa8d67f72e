// ESLint formatter for the `lint` targets: one line per problem, and dist/test-results/<project>.lint.json
// (one check per project: passed when no file has an error) for scripts/test-summary.ts.
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const workspaceRoot = join(__dirname, '..');

module.exports = (results, context) => {
  const project = JSON.parse(readFileSync(join(context.cwd, 'package.json'), 'utf8')).nx?.name;
  const failed = results.filter((r) => r.errorCount > 0).length;
  const dir = join(workspaceRoot, 'dist', 'test-results');
  mkdirSync(dir, { recursive: true });
  const report = { lint: true, numPassedTests: failed ? 0 : 1, numFailedTests: failed ? 1 : 0, numPendingTests: 0, numTodoTests: 0 };
  writeFileSync(join(dir, `${project}.lint.json`), `${JSON.stringify(report)}\n`);
  return results
    .flatMap((r) =>
      r.messages.map((m) => {
        const where = `${relative(workspaceRoot, r.filePath)}:${m.line ?? 0}:${m.column ?? 0}`;
        return `${where} ${m.severity === 2 ? 'error' : 'warning'} ${m.message.replace(/\s+/g, ' ').trim()}${m.ruleId ? ` (${m.ruleId})` : ''}`;
      }),
    )
    .join('\n');
};
