import { Command } from 'commander';
import { registerTargetResolver } from '@o11y/publish';
import { buildCommand } from './commands/build.js';

// Loaded only when an AMG environment is planned or published: the AWS SDK is not needed otherwise.
registerTargetResolver('amazon-managed-grafana', async (manifest, env) => (await import('@o11y/amg')).resolveAmgTarget(manifest, env));

const program = new Command('o11y')
  .description('Observability as code: build Grafana resources and Kubernetes charts from typed definitions')
  .showHelpAfterError();

program.addCommand(buildCommand());
program.addCommand((await import('./commands/import.js')).importCommand());
program.addCommand((await import('./commands/plan.js')).planCommand());
program.addCommand((await import('./commands/publish.js')).publishCommand());
program.addCommand((await import('./commands/pull.js')).pullCommand());
program.addCommand((await import('./commands/preview.js')).previewCommand());

await program.parseAsync(process.argv);
