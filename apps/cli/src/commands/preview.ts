import { Command } from 'commander';
import { findWorkspaceRoot } from '@o11y/artifacts';
import { checkPreview, startPreview } from '@o11y/preview';

interface PreviewFlags {
  grafanaUrl?: string;
  check?: boolean;
  keepData?: boolean;
  scrapeInterval: string;
  prometheusListen: string;
  environmentFile?: string;
}

/** `o11y preview [env]`: live data, a Grafana, and every save published within a second. */
export function previewCommand(): Command {
  return new Command('preview')
    .description('start Prometheus and local workloads, publish the environment to a Grafana, and republish every saved change')
    .argument('[environment]', 'environment name', 'local')
    .option('--grafana-url <url>', 'a Grafana you run (else GRAFANA_URL; else Grafana 12.4 in Docker; else the stand-in)')
    .option(
      '--check',
      "once scraped, run every panel's queries through the Grafana's /api/ds/query; exit 0 if each has data, 1 listing the empty ones",
    )
    .option('--keep-data', 'keep the temporary data directory (TSDB, config, logs) after Ctrl-C')
    .option('--scrape-interval <duration>', 'how often Prometheus scrapes the local workloads', '15s')
    .option('--prometheus-listen <host:port>', 'where the started Prometheus listens (port 0: a free one)', '127.0.0.1:9090')
    .option('--environment-file <file>', 'a file exporting the environment, instead of environments/<env>/src/environment.ts')
    .action(async (environment: string, flags: PreviewFlags) => {
      const say = (line: string) => process.stdout.write(`${line}\n`);
      let preview: Awaited<ReturnType<typeof startPreview>> | undefined;
      let stopping = false;
      const shutdown = async (signal: string, code: number) => {
        if (stopping) return;
        stopping = true;
        if (signal) say(`\n${signal}: stopping`);
        await preview?.stop();
        say('stopped; nothing left running');
        process.exit(code);
      };
      process.on('SIGINT', () => void shutdown('SIGINT', 0));
      process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
      try {
        preview = await startPreview({
          workspaceRoot: findWorkspaceRoot(),
          environment,
          environmentFile: flags.environmentFile,
          grafanaUrl: flags.grafanaUrl,
          keepData: flags.keepData,
          scrapeInterval: flags.scrapeInterval,
          prometheusListen: flags.prometheusListen,
          log: say,
        });
        if (flags.check) await shutdown('', await checkPreview(preview, say));
      } catch (e) {
        process.stderr.write(`error: preview: ${((e as Error).message ?? String(e)).split('\n')[0]}\n`);
        await shutdown('', 1);
      }
    });
}
