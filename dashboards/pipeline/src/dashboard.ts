import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { defineDashboard, withOverrides, type DashboardDefinition, type DeepPartial } from '@o11y/environment';
import { dashboard, datasourceVariable, projectDashboardsLink } from '@o11y/grafana-kit';
import { defaultPipelineConfig, type PipelineConfig } from './config.js';
import * as panel from './panels.js';

/** Health of the metrics pipeline itself: scrapes, and the collector's or Alloy's way to the store. */
export function pipelineDashboard(overrides: DeepPartial<PipelineConfig> = {}): DashboardDefinition {
  const c = withOverrides(defaultPipelineConfig, overrides);
  let d = dashboard({
    uid: c.uid,
    title: c.title,
    description: "The metrics pipeline's own health: scrape targets, points received and exported, queues and failures.",
    tags: ['pipeline', 'opentelemetry-collector', 'alloy'],
    from: 'now-1h',
  })
    .link(projectDashboardsLink())
    .withVariable(datasourceVariable(c.datasource.type, { current: c.datasource.uid }))

    .withRow(new RowBuilder('Scrape health'))
    .withPanel(panel.targetsUpStat(c))
    .withPanel(panel.targetsDownStat(c))
    .withPanel(panel.samplesScrapedStat(c))
    .withPanel(panel.slowestScrapeStat(c))
    .withPanel(panel.targetsDownByJob(c))
    .withPanel(panel.samplesScrapedByJob(c))
    .withPanel(panel.scrapeDurationByJob(c));

  if (c.scrapers.includes('otel-collector'))
    d = d
      .withRow(new RowBuilder('OpenTelemetry Collector'))
      .withPanel(panel.collectorReceived(c))
      .withPanel(panel.collectorExported(c))
      .withPanel(panel.collectorQueue(c));
  if (c.scrapers.includes('alloy'))
    d = d.withRow(new RowBuilder('Grafana Alloy')).withPanel(panel.alloySent(c)).withPanel(panel.alloyPending(c));

  return defineDashboard(import.meta.url, d);
}
