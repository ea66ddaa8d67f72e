import { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { findWorkspaceRoot, workspacePath } from '@o11y/build';
import { fetchDashboard, formatImportReport, importDashboard } from '@o11y/dashboard-import';

interface ImportCommandOptions {
  into: string;
  force?: boolean;
  datasourceType?: string[];
}

/** `o11y import <file.json | grafana-url/uid> --into dashboards/<name>`: a typed dashboard project from dashboard JSON. */
export function importCommand(): Command {
  return new Command('import')
    .description('turn dashboard JSON (an exported file, or a dashboard in Grafana) into a typed dashboard project')
    .argument(
      '<source>',
      'file.json, or <grafana-url>/<uid> or <grafana-url>/d/<uid>/<slug> (GRAFANA_TOKEN or GRAFANA_USER/GRAFANA_PASSWORD)',
    )
    .requiredOption('--into <dir>', 'project folder to create, e.g. dashboards/envoy-global')
    .option('--force', 'replace the folder if it exists')
    .option('--datasource-type <name=plugin...>', 'plugin type of a data source referenced by name, e.g. "My Loki=loki"')
    .action(async (source: string, options: ImportCommandOptions) => {
      try {
        await runImport(source, options);
      } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

async function runImport(source: string, options: ImportCommandOptions): Promise<void> {
  const dir = resolve(options.into);
  const root = findWorkspaceRoot();
  if (existsSync(dir) && !options.force) throw new Error(`${workspacePath(dir, root)} exists; pass --force to replace it`);
  const json = /^https?:\/\//.test(source) ? await fetchDashboard(source) : readJson(source);
  const { files, report } = await importDashboard(json, {
    name: basename(dir),
    source: /^https?:\/\//.test(source) ? source : workspacePath(resolve(source), root),
    rootPath: relative(dir, root).split(sep).join('/') || '.',
    datasourceTypes: parseDatasourceTypes(options.datasourceType ?? []),
  });
  if (existsSync(dir)) rmSync(dir, { recursive: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  for (const line of formatImportReport(report)) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `wrote ${workspacePath(dir, root)} (${files.size} files); run \`npx nx sync\` (and npm install to link the new package), then \`npx nx build dashboard-${basename(dir)}\`\n`,
  );
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not a readable dashboard JSON file: ${(e as Error).message}`);
  }
}

function parseDatasourceTypes(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.lastIndexOf('=');
    if (i <= 0) throw new Error(`--datasource-type "${p}": expected <name>=<plugin id>`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}
