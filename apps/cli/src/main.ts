import { Command } from 'commander';
import { buildCommand } from './commands/build.js';

const program = new Command('o11y')
  .description('Observability as code: build Grafana resources and Kubernetes charts from typed definitions')
  .showHelpAfterError();

program.addCommand(buildCommand());

await program.parseAsync(process.argv);
