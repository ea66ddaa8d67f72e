import { Command } from 'commander';
import { registerTargetResolver } from '@o11y/publish';

// Loaded only when an AMG environment is planned or published: the AWS SDK is not needed otherwise.
registerTargetResolver('amazon-managed-grafana', async (manifest, env) => (await import('@o11y/amg')).resolveAmgTarget(manifest, env));

const program = new Command('o11y')
  .description('Observability as code: build Grafana resources and Kubernetes charts from typed definitions')
  .showHelpAfterError();

// Each command loads only its own libraries: publish should not pay for the dashboard importer's start-up.
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.js')).buildCommand(),
  import: async () => (await import('./commands/import.js')).importCommand(),
  plan: async () => (await import('./commands/plan.js')).planCommand(),
  publish: async () => (await import('./commands/publish.js')).publishCommand(),
  pull: async () => (await import('./commands/pull.js')).pullCommand(),
  preview: async () => (await import('./commands/preview.js')).previewCommand(),
};
const named = process.argv[2];
const wanted = named && named in COMMANDS ? [named] : Object.keys(COMMANDS);
for (const name of wanted) program.addCommand(await COMMANDS[name]!());

await program.parseAsync(process.argv);
