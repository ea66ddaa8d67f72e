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

/** The local workloads the preview's collector scrapes. */
export type PreviewWorkload = 'node-exporter' | 'prometheus-sample-app' | 'envoy-traffic';

/**
 * What `npm run preview` scrapes (apps/preview runs exactly these): the charts' jobs on fixed targets that carry
 * the discovery labels a cluster would give each workload's pod, so the jobs' relabelling gives the same labels.
 */
export const PREVIEW_SCRAPE_JOBS: Readonly<Record<PreviewWorkload, { job: ScrapeJob; discovered: Omit<DiscoveredTarget, 'address'> }>> = {
  'node-exporter': {
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
  'prometheus-sample-app': {
    job: annotatedServiceEndpointsJob(),
    discovered: {
      namespace: 'prom-sample-app',
      serviceName: 'prometheus-sample-app',
      podName: 'prometheus-sample-app-local',
      serviceAnnotations: { [SELECTORS.scrapeAnnotation]: 'true' },
    },
  },
  // The generator stands in for every sidecar of a mesh and carries their namespace/service/pod labels itself.
  'envoy-traffic': { job: envoySidecarJob(), discovered: { containerName: SELECTORS.envoyContainer } },
};

/** The preview collector's metrics pipeline as the metrics contract reads it (addresses are placeholders). */
export function previewMetricsPipeline(): MetricsPipelineSource {
  return {
    name: 'preview collector (apps/preview)',
    config: {
      receivers: {
        prometheus: {
          config: {
            scrape_configs: Object.values(PREVIEW_SCRAPE_JOBS).map((t) =>
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
