import { Command } from 'commander';
import { buildEnvironment, findWorkspaceRoot, listEnvironments, loadEnvironment } from '@o11y/artifacts';
import { DefinitionError, formatProblem } from '@o11y/environment';
import { runEnvironmentBuild } from '../build/index.js';

/** `o11y build [env...]`: builds environments into dist/<env>; `--check` validates without writing. */
export function buildCommand(): Command {
  return new Command('build')
    .description('build environments into dist/<env> (all when none is named)')
    .argument('[environments...]', 'environment names, e.g. local aws')
    .option('--check', 'validate only; write nothing')
    .action(async (names: string[], options: { check?: boolean }) => {
      const root = findWorkspaceRoot();
      const envs = names.length ? names : listEnvironments(root);
      let ok = true;
      for (const name of envs) {
        try {
          const env = await loadEnvironment(root, name);
          if (options.check) {
            const { manifest } = buildEnvironment(env, root);
            process.stdout.write(`${name}: ${manifest.resources.length} resources valid\n`);
          } else {
            ok = (await runEnvironmentBuild(env)) && ok;
          }
        } catch (e) {
          ok = false;
          const lines = e instanceof DefinitionError ? e.problems.map(formatProblem) : [(e as Error).message];
          for (const line of lines) process.stderr.write(`error: ${line}\n`);
        }
      }
      if (!ok) process.exitCode = 1;
    });
}
