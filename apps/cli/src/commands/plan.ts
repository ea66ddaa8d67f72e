import { Command } from 'commander';
import { hasChanges, planPublish, planSummary } from '@o11y/publish';
import { fail, paint, planLines, planOptions, type TargetFlags } from './publish-shell.js';

/** `o11y plan <env>`: what publish would change, without writing. Exit codes follow Terraform. */
export function planCommand(): Command {
  return new Command('plan')
    .description("show what publishing an environment's artifacts (dist/<env>) would change in its Grafana")
    .argument('<environment>', 'environment name, e.g. local')
    .option('--json', 'machine-readable output')
    .option('--prune', 'show deletes as publish --prune would apply them')
    .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when something would, 1 on error')
    .option('--ca-file <file>', 'PEM file of the CA that signed the Grafana certificate')
    .option('--insecure-skip-tls-verify', 'do not verify the Grafana certificate (warns on every run)')
    .option('--dist-dir <dir>', 'artifacts to publish (default dist/<environment>)')
    .action(async (environment: string, flags: TargetFlags & { detailedExitcode?: boolean; prune?: boolean }) => {
      try {
        const { options } = planOptions(environment, flags);
        const plan = await planPublish(options);
        try {
          const summary = planSummary(plan, { prune: !!flags.prune });
          if (flags.json) {
            process.stdout.write(`${plan.redactor.redact(JSON.stringify(summary, null, 2))}\n`);
          } else {
            for (const w of plan.warnings) process.stderr.write(`warning: ${environment}: ${w}\n`);
            process.stdout.write(
              `${environment}: Grafana ${summary.grafanaVersion} at ${plan.redactor.redact(plan.url)} (${summary.api})\n`,
            );
            for (const line of planLines(plan.changes, !!flags.prune)) process.stdout.write(`${plan.redactor.redact(line)}\n`);
            const n = summary.counts;
            const line = `Plan: ${n.create} to create, ${n.update} to update, ${n.delete} to delete, ${n.drifted} drifted, ${n.unchanged} unchanged.`;
            process.stdout.write(`${hasChanges(plan) ? paint.yellow(line) : paint.green(line)}\n`);
          }
          if (flags.detailedExitcode && hasChanges(plan)) process.exitCode = 2;
        } finally {
          await plan.context.client.close();
          await plan.target.cleanup();
        }
      } catch (e) {
        fail(e, environment);
      }
    });
}
