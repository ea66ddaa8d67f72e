import { Command } from 'commander';
import { registerTargetResolver } from '@o11y/publish';

/** Loads one command (its module and libraries) on demand. */
export type CommandLoader = () => Promise<Command>;

/** Parses argv with the named command loaded alone (all of them for help or an unknown name). */
export async function runProgram(commands: Record<string, CommandLoader>, argv: string[] = process.argv): Promise<void> {
  // Loaded only when an AMG environment is planned or published: the AWS SDK is not needed otherwise.
  registerTargetResolver('amazon-managed-grafana', async (manifest, env) => (await import('@o11y/amg')).resolveAmgTarget(manifest, env));

  const program = new Command('o11y')
    .description('Observability as code: build Grafana resources and Kubernetes charts from typed definitions')
    .showHelpAfterError();
  // Each command loads only its own libraries: publish should not pay for the dashboard importer's start-up.
  const named = argv[2];
  const wanted = named && named in commands ? [named] : Object.keys(commands);
  for (const name of wanted) program.addCommand(await commands[name]!());
  await program.parseAsync(argv);
}
