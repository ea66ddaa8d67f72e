import { Command } from 'commander';
import { join } from 'node:path';
import { applyPlan, planPublish, planSummary } from '@o11y/publish';
import { plainProgress, terminalProgress } from './publish-progress.js';
import { fail, paint, planLines, planOptions, type TargetFlags } from './publish-shell.js';

/** `o11y publish <env>`: plans, then makes the environment's Grafana match its artifacts. */
export function publishCommand(): Command {
  return new Command('publish')
    .description("make an environment's Grafana match its artifacts (dist/<env>); drifted resources are refused")
    .argument('<environment>', 'environment name, e.g. local')
    .option('--force', 'overwrite resources edited in Grafana (the live version is backed up first)')
    .option('--prune', 'delete resources this environment owns that are no longer defined')
    .option('--json', 'machine-readable output')
    .option('--concurrency <n>', 'parallel requests', (v) => Number.parseInt(v, 10), 8)
    .option('--ca-file <file>', 'PEM file of the CA that signed the Grafana certificate')
    .option('--insecure-skip-tls-verify', 'do not verify the Grafana certificate (warns on every run)')
    .option('--dist-dir <dir>', 'artifacts to publish (default dist/<environment>)')
    .action(async (environment: string, flags: TargetFlags & { force?: boolean; prune?: boolean; concurrency: number }) => {
      try {
        if (!Number.isInteger(flags.concurrency) || flags.concurrency < 1) throw new Error('--concurrency must be a positive integer');
        const { root, options } = planOptions(environment, flags);
        const plan = await planPublish(options);
        try {
          const say = (line: string) => {
            if (!flags.json) process.stdout.write(`${plan.redactor.redact(line)}\n`);
          };
          for (const w of plan.warnings) process.stderr.write(`warning: ${environment}: ${w}\n`);
          say(`${environment}: Grafana ${plan.server.version} at ${plan.url}`);
          for (const line of planLines(plan.changes, !!flags.prune)) say(line);
          const output = {
            say,
            error: (line: string) => process.stderr.write(`${paint.red(`error: ${plan.redactor.redact(line)}`)}\n`),
          };
          const progress =
            process.stdout.isTTY && !flags.json && !process.env.CI ? terminalProgress(plan.changes, output) : plainProgress(output);
          const result = await progress.run(() =>
            applyPlan(plan, {
              force: flags.force,
              prune: flags.prune,
              concurrency: flags.concurrency,
              backupRoot: join(root, '.o11y', 'backups'),
              onProgress: (e) => progress.onEvent(e),
            }),
          );
          const n = result.counts;
          const summary = `${environment}: ${n.created} created, ${n.updated} updated, ${n.deleted} deleted, ${n.unchanged} unchanged, ${n.refused} refused${n.failed ? `, ${n.failed} failed` : ''}${n['not-pruned'] ? `, ${n['not-pruned']} kept (use --prune)` : ''} (${result.reads} reads, ${result.writes} writes)`;
          if (flags.json) {
            process.stdout.write(
              `${plan.redactor.redact(JSON.stringify({ plan: planSummary(plan, { prune: !!flags.prune }), result }, null, 2))}\n`,
            );
          } else {
            if (!result.ok) {
              const applied = result.events
                .filter((e) => ['created', 'updated', 'deleted'].includes(e.outcome))
                .map((e) => `${e.kind} ${e.uid}`);
              const notApplied = result.events
                .filter((e) => ['failed', 'skipped', 'refused'].includes(e.outcome))
                .map((e) => `${e.kind} ${e.uid}`);
              say(`applied: ${applied.length ? applied.join(', ') : 'nothing'}`);
              say(`not applied: ${notApplied.join(', ')}`);
            }
            say(result.ok ? paint.green(summary) : paint.red(summary));
          }
          if (!result.ok) process.exitCode = 1;
        } finally {
          await plan.context.client.close();
          await plan.target.cleanup();
        }
      } catch (e) {
        fail(e, environment);
      }
    });
}
