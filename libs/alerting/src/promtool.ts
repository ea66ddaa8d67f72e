import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { resolveTool } from '@o11y/workspace-tools';
import { parse } from 'yaml';

export interface PromtoolResult {
  readonly dir: string;
  readonly check: string;
  readonly test: string;
}

// The pinned Prometheus 3 promtool (scripts/tools/prometheus.sh), so a rule Prometheus 3 rejects fails here.
function run(args: string[], cwd: string): string {
  const promtool = resolveTool('promtool').path;
  try {
    return execFileSync(promtool, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string; status?: number };
    throw new Error(`promtool ${args.join(' ')} failed (exit ${err.status}):\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

/**
 * Writes rule files (name -> YAML, as `<name>.yaml`) and copies the unit-test files next to them in a temporary
 * folder, then runs `promtool check rules` on every rule file and `promtool test rules` on every test file.
 * Throws with promtool's output when either fails, so a vitest spec fails with it.
 */
export function promtoolCheckAndTest(ruleFiles: ReadonlyMap<string, string>, testFiles: readonly string[]): PromtoolResult {
  const dir = mkdtempSync(join(tmpdir(), 'promtool-'));
  const names = [...ruleFiles.keys()].sort().map((n) => `${n}.yaml`);
  for (const [name, yaml] of ruleFiles) writeFileSync(join(dir, `${name}.yaml`), yaml);
  const tests = testFiles.map((f) => {
    copyFileSync(f, join(dir, basename(f)));
    return basename(f);
  });
  const check = names.length ? run(['check', 'rules', ...names], dir) : '';
  const test = tests.length ? run(['test', 'rules', ...tests], dir) : '';
  return { dir, check, test };
}

interface PromtoolTestFile {
  rule_files?: string[];
  tests?: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[]; promql_expr_test?: { expr: string }[] }[];
}

/**
 * Alerts and recording rules of the rule files that the tests do not cover: every alert needs a case where it
 * fires (non-empty exp_alerts) and one where it stays quiet (empty exp_alerts); every recording rule a promql_expr_test.
 */
export function promtoolCoverageGaps(ruleFiles: ReadonlyMap<string, string>, testFiles: readonly string[]): string[] {
  const alerts = new Set<string>();
  const records = new Set<string>();
  for (const yaml of ruleFiles.values()) {
    for (const g of (parse(yaml) as { groups: { rules: { alert?: string; record?: string }[] }[] }).groups) {
      for (const r of g.rules) {
        if (r.alert) alerts.add(r.alert);
        if (r.record) records.add(r.record);
      }
    }
  }
  const fires = new Set<string>();
  const quiet = new Set<string>();
  const exprs: string[] = [];
  for (const f of testFiles) {
    const doc = parse(readFileSync(f, 'utf8')) as PromtoolTestFile;
    for (const t of doc.tests ?? []) {
      for (const a of t.alert_rule_test ?? []) (a.exp_alerts?.length ? fires : quiet).add(a.alertname);
      for (const e of t.promql_expr_test ?? []) exprs.push(e.expr);
    }
  }
  const gaps: string[] = [];
  for (const a of [...alerts].sort()) {
    if (!fires.has(a)) gaps.push(`alert ${a}: no test where it fires`);
    if (!quiet.has(a)) gaps.push(`alert ${a}: no test where it stays quiet`);
  }
  for (const r of [...records].sort()) if (!exprs.some((e) => e.includes(r))) gaps.push(`recording rule ${r}: no promql_expr_test`);
  return gaps;
}

/** The promtool unit-test files (`*.test.yaml`) of a folder, e.g. an alert set's promtool/. */
export function promtoolTestFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.yaml'))
    .sort()
    .map((f) => join(dir, f));
}
