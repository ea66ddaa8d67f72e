import type { MetricsPipelineSource } from '@o11y/environment';
import {
  annotatedServiceEndpointsJob,
  envoySidecarJob,
  nodeExporterJob,
  prometheusRemoteWriteExporter,
  SELECTORS,
  toStaticScrapeConfig,
  type DiscoveredTarget,
  type ScrapeJob,
} from '@o11y/k8s';

/**
 * What `npm run preview` scrapes (apps/preview/src/collector-config.ts, whose spec keeps the two equal): the charts'
 * jobs on fixed targets that carry the discovery labels a cluster would give them.
 */
export const PREVIEW_TARGETS: readonly { job: ScrapeJob; discovered: Omit<DiscoveredTarget, 'address'> }[] = [
  {
    job: envoySidecarJob(),
    discovered: { containerName: SELECTORS.envoyContainer },
  },
  {
    job: nodeExporterJob(),
    discovered: {
      namespace: 'kube-system',
      podName: 'node-exporter-local',
      podLabels: { [SELECTORS.appName]: SELECTORS.nodeExporterName },
      containerPortName: 'metrics',
      hostIp: '127.0.0.1',
      nodeName: 'localhost',
    },
  },
  {
    job: annotatedServiceEndpointsJob(),
    discovered: {
      namespace: 'prom-sample-app',
      serviceName: 'prometheus-sample-app',
      podName: 'prometheus-sample-app-local',
      serviceAnnotations: { [SELECTORS.scrapeAnnotation]: 'true' },
    },
  },
];

/** The preview collector's metrics pipeline as the metrics contract reads it (addresses are placeholders). */
export function previewMetricsPipeline(): MetricsPipelineSource {
  return {
    name: 'preview collector (apps/preview)',
    config: {
      receivers: {
        prometheus: {
          config: {
            scrape_configs: PREVIEW_TARGETS.map((t) =>
              toStaticScrapeConfig(t.job, [{ ...t.discovered, address: '127.0.0.1:0' }], { escapeDollars: true }),
            ),
          },
        },
      },
      exporters: { prometheusremotewrite: prometheusRemoteWriteExporter('http://127.0.0.1:9090/api/v1/write', null) },
      service: { pipelines: { metrics: { receivers: ['prometheus'], exporters: ['prometheusremotewrite'] } } },
    },
  };
}
