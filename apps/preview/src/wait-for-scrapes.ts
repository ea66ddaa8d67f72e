import { prometheusApi } from './prometheus-api.js';

export interface WaitForScrapesOptions {
  /** Scrapes each job must have had, so rate() over a few intervals has samples. @default 5 */
  readonly scrapes?: number;
  /** @default 30 s */
  readonly timeoutMs?: number;
}

/** Waits until every job is up and has been scraped `scrapes` times; on timeout, names the jobs and their scrape errors. */
export async function waitForScrapes(prometheusUrl: string, jobs: readonly string[], options: WaitForScrapesOptions = {}): Promise<void> {
  const api = prometheusApi(prometheusUrl);
  const scrapes = options.scrapes ?? 5;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let missing: string[] = [...jobs];
  while (Date.now() < deadline) {
    const now = Date.now();
    const [up, counts] = await Promise.all([api.query('up', now), api.query('min by (job) (count_over_time(up[1h]))', now)]).catch(() => [
      [],
      [],
    ]);
    const isUp = new Set(up.filter((s) => s.values[0]?.[1] === '1').map((s) => s.metric.job));
    const scraped = new Map(counts.map((s) => [s.metric.job, Number(s.values[0]?.[1])]));
    missing = jobs.filter((j) => !isUp.has(j) || (scraped.get(j) ?? 0) < scrapes);
    if (missing.length === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `Prometheus at ${prometheusUrl} did not scrape ${missing.join(', ')} ${scrapes} times in time: ${await targetErrors(prometheusUrl)}`,
  );
}

async function targetErrors(prometheusUrl: string): Promise<string> {
  try {
    const body = (await (await fetch(`${prometheusUrl}/api/v1/targets`)).json()) as {
      data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] };
    };
    return (
      body.data.activeTargets.map((t) => `${t.labels.job} ${t.health}${t.lastError ? ` (${t.lastError})` : ''}`).join('; ') ||
      // The preview's Prometheus scrapes nothing itself; the collector does and remote-writes.
      'no targets in Prometheus: when the collector scrapes, see logs/otelcol.log in the preview data directory'
    );
  } catch (e) {
    return (e as Error).message;
  }
}
