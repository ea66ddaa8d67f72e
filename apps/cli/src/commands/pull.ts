import { Command } from 'commander';
import { relative } from 'node:path';
import { pullDashboards, type PulledDashboard } from '@o11y/pull';
import { fail, paint, planOptions, type TargetFlags } from './publish-shell.js';

/** `o11y pull <env> [uid...] [--write]`: brings dashboards edited in Grafana back into code. */
export function pullCommand(): Command {
  return new Command('pull')
    .description('show how dashboards edited in Grafana differ from the code, and with --write bring the edits into code')
    .argument('<environment>', 'environment name, e.g. local')
    .argument('[uids...]', 'dashboards to pull (default: every dashboard plan reports as drifted)')
    .option('--write', 'regenerate imported projects and JSON files from the live version; print builder calls for hand-written code')
    .option('--json', 'machine-readable output')
    .option('--ca-file <file>', 'PEM file of the CA that signed the Grafana certificate')
    .option('--insecure-skip-tls-verify', 'do not verify the Grafana certificate (warns on every run)')
    .option('--dist-dir <dir>', 'built artifacts to compare with (default dist/<environment>)')
    .action(async (environment: string, uids: string[], flags: TargetFlags & { write?: boolean }) => {
      try {
        const { root, options } = planOptions(environment, flags);
        const result = await pullDashboards({ ...options, workspaceRoot: root, uids, write: flags.write });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        if (result.dashboards.length === 0) {
          process.stdout.write(`${environment}: no dashboard differs from the code in ${result.url}\n`);
          return;
        }
        for (const d of result.dashboards) for (const line of pulledLines(d, root, flags.write === true)) process.stdout.write(`${line}\n`);
        if (!flags.write && result.dashboards.some((d) => d.diff.length > 0))
          process.stdout.write(
            `run \`o11y pull ${environment}${uids.length ? ` ${uids.join(' ')}` : ''} --write\` to bring these edits into code\n`,
          );
      } catch (e) {
        fail(e, environment);
      }
    });
}

function pulledLines(d: PulledDashboard, root: string, write: boolean): string[] {
  const where = d.source.kind === 'unknown' ? 'no source' : `${d.source.kind}: ${relative(root, d.source.file)}`;
  const lines = [`dashboard ${d.uid}${d.title ? ` "${d.title}"` : ''} (${where})`];
  if (d.diff.length === 0) lines.push(paint.dim('  live version matches the code'));
  for (const l of d.diff) lines.push(paint.dim(`  ${l}`));
  if (d.written)
    lines.push(
      paint.green(`  wrote ${relative(root, d.written)}${d.adopted ? '; the live version is now marked as published from it' : ''}`),
    );
  if (d.roundTrip?.length) {
    lines.push(
      paint.yellow(
        `  the regenerated code differs from the live version in ${d.roundTrip.length} place(s); plan will show them as an update:`,
      ),
    );
    for (const l of d.roundTrip) lines.push(paint.dim(`    ${l}`));
  }
  if (d.hints) {
    for (const p of d.hints.panels) {
      lines.push(paint.yellow(`  ${p.action} panel ${p.id} "${p.title}"`));
      for (const l of p.diff) lines.push(paint.dim(`    ${l}`));
      if (p.code) lines.push(...p.code.split('\n').map((l) => `    ${l}`));
    }
    if (d.hints.dashboard.length) lines.push(paint.yellow('  dashboard settings:'), ...d.hints.dashboard.map((l) => `    ${l}`));
  }
  if (d.note) lines.push(`  ${d.note}`);
  if (write && d.written && d.source.kind !== 'hand-written')
    lines.push(`  next: build the environment, then \`o11y plan\` shows no change for it`);
  return lines;
}
