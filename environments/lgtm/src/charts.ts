import type { ChartArtifact, HelmChartArtifact } from '@o11y/environment';
import {
  App,
  AutoInstrumentation,
  Chart,
  EXAMPLE_ACCOUNT_ID,
  GrafanaAlloy,
  helmPackages,
  KubeStateMetrics,
  NodeExporter,
  readChartConfig,
  synthesizeCharts,
} from '@o11y/k8s';
import type { LgtmMode } from './lgtm-helm-values.js';
import { LgtmStack } from './lgtm-stack.js';

const SOURCE = 'environments/lgtm/src/charts.ts';
const role = (name: string) => `arn:aws:iam::${EXAMPLE_ACCOUNT_ID}:role/EXAMPLE-${name}`;

/** Per-account settings of the lgtm environment; unset ones fall back to AWS documentation examples. */
export const LGTM_CHART_CONFIG = {
  region: { kind: 'region', env: 'AWS_REGION', example: 'us-east-1', description: 'AWS region of the S3 buckets' },
  lokiBucket: {
    kind: 's3Bucket',
    env: 'O11Y_LOKI_BUCKET',
    example: 'example-loki-chunks',
    description: 'S3 bucket for Loki chunks, ruler and admin data',
  },
  lokiRoleArn: {
    kind: 'roleArn',
    env: 'O11Y_LOKI_ROLE_ARN',
    example: role('loki'),
    description: 'IRSA role with read/write access to the Loki bucket',
  },
  mimirBucket: {
    kind: 's3Bucket',
    env: 'O11Y_MIMIR_BUCKET',
    example: 'example-mimir-blocks',
    description: 'S3 bucket for Mimir blocks, ruler and alertmanager data',
  },
  mimirRoleArn: {
    kind: 'roleArn',
    env: 'O11Y_MIMIR_ROLE_ARN',
    example: role('mimir'),
    description: 'IRSA role with read/write access to the Mimir bucket',
  },
  tempoBucket: { kind: 's3Bucket', env: 'O11Y_TEMPO_BUCKET', example: 'example-tempo-traces', description: 'S3 bucket for Tempo traces' },
  tempoRoleArn: {
    kind: 'roleArn',
    env: 'O11Y_TEMPO_ROLE_ARN',
    example: role('tempo'),
    description: 'IRSA role with read/write access to the Tempo bucket',
  },
} as const;

export interface LgtmChartsOptions {
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly warn?: (line: string) => void;
  /** @default O11Y_LGTM_MODE, else 'single-binary' */
  readonly mode?: LgtmMode;
  /** File named in errors. @default this file */
  readonly source?: string;
}

/**
 * The lgtm environment's charts: the LGTM stack as Argo CD Applications, Grafana Alloy feeding it (metrics to
 * Mimir, pod logs to Loki, OTLP traces to Tempo, Envoy sidecars included), OpenTelemetry Operator auto-instrumentation
 * sending to Alloy, kube-state-metrics and node-exporter.
 */
export function lgtmCharts(options: LgtmChartsOptions = {}): ChartArtifact[] {
  const env = options.env ?? process.env;
  const source = options.source ?? SOURCE;
  const config = readChartConfig(LGTM_CHART_CONFIG, { source, env, warn: options.warn });
  return lgtmChartsWith(config, options.mode ?? readLgtmMode(env, source), source);
}

/** Version of the lgtm Helm charts; bump it when their templates change. */
export const LGTM_HELM_CHART_VERSION = '0.3.0';

/**
 * The lgtm charts as Helm charts: every LGTM_CHART_CONFIG value is an install-time value. The mode
 * (O11Y_LGTM_MODE) changes which objects exist, so it stays a build-time choice.
 */
export function lgtmHelmCharts(options: Omit<LgtmChartsOptions, 'warn'> = {}): HelmChartArtifact[] {
  const source = options.source ?? SOURCE;
  const mode = options.mode ?? readLgtmMode(options.env ?? process.env, source);
  return helmPackages(LGTM_CHART_CONFIG, (config) => lgtmChartsWith(config, mode, source), {
    version: LGTM_HELM_CHART_VERSION,
    environment: 'lgtm',
    source,
  });
}

/** The stack's mode from O11Y_LGTM_MODE (default single-binary); the error names `source` when given. */
export function readLgtmMode(env: Readonly<Record<string, string | undefined>>, source?: string): LgtmMode {
  const modeText = env.O11Y_LGTM_MODE ?? 'single-binary';
  if (modeText !== 'single-binary' && modeText !== 'distributed')
    throw new Error(`${source ? `${source}: ` : ''}O11Y_LGTM_MODE must be single-binary or distributed, got ${JSON.stringify(modeText)}`);
  return modeText;
}

function lgtmChartsWith(config: Record<keyof typeof LGTM_CHART_CONFIG, string>, modeText: LgtmMode, source: string): ChartArtifact[] {
  const app = new App();

  const stack = new LgtmStack(new Chart(app, 'lgtm-stack'), 'stack', {
    mode: modeText,
    region: config.region,
    loki: { bucket: config.lokiBucket, roleArn: config.lokiRoleArn },
    mimir: { bucket: config.mimirBucket, roleArn: config.mimirRoleArn },
    tempo: { bucket: config.tempoBucket, roleArn: config.tempoRoleArn },
  });
  const alloy = new GrafanaAlloy(new Chart(app, 'alloy'), 'alloy', {
    metrics: { kind: 'mimir', url: stack.endpoints.mimirRemoteWriteUrl },
    logs: { lokiUrl: stack.endpoints.lokiPushUrl },
    traces: { tempoEndpoint: stack.endpoints.tempoOtlpGrpcEndpoint },
    applicationEndpoints: [
      { jobName: 'quarkus', podLabels: { 'app.kubernetes.io/framework': 'quarkus' }, port: 'http', path: '/q/metrics' },
    ],
  });
  // Applications' traces: the operator injects an agent per language, each sending to Alloy's port for its protocol.
  new AutoInstrumentation(new Chart(app, 'auto-instrumentation'), 'instrumentation', {
    namespace: alloy.namespace,
    otlpGrpcEndpoint: alloy.otlpGrpcEndpoint,
    otlpHttpEndpoint: alloy.otlpHttpEndpoint,
  });
  const exporters = new Chart(app, 'cluster-exporters');
  new KubeStateMetrics(exporters, 'kube-state-metrics');
  new NodeExporter(exporters, 'node-exporter');
  return synthesizeCharts(app, { source });
}
