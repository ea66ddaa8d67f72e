import type { ChartArtifact, HelmChartArtifact } from '@o11y/environment';
import {
  AdotMetricsCollector,
  AdotTracesCollector,
  ampRemoteWriteUrl,
  App,
  Chart,
  EXAMPLE_ACCOUNT_ID,
  helmPackages,
  Ho11ySampleApp,
  KubeStateMetrics,
  NodeExporter,
  PrometheusSampleApp,
  readChartConfig,
  synthesizeCharts,
} from '@o11y/k8s';

const SOURCE = 'environments/aws/src/charts.ts';

/** Per-account settings of the aws environment; unset ones fall back to AWS documentation examples. */
export const AWS_CHART_CONFIG = {
  region: { kind: 'region', env: 'AWS_REGION', example: 'us-east-1', description: 'AWS region of the AMP workspace and X-Ray' },
  ampWorkspaceId: {
    kind: 'ampWorkspaceId',
    env: 'AMP_WORKSPACE_ID',
    example: 'ws-EXAMPLE1-2345-6789-abcd-ef0123456789',
    description: 'AMP workspace id the metrics collector remote-writes to',
  },
  metricsRoleArn: {
    kind: 'roleArn',
    env: 'O11Y_ADOT_METRICS_ROLE_ARN',
    example: `arn:aws:iam::${EXAMPLE_ACCOUNT_ID}:role/EXAMPLE-adot-metrics`,
    description: 'IRSA role with aps:RemoteWrite',
  },
  tracesRoleArn: {
    kind: 'roleArn',
    env: 'O11Y_ADOT_TRACES_ROLE_ARN',
    example: `arn:aws:iam::${EXAMPLE_ACCOUNT_ID}:role/EXAMPLE-adot-traces`,
    description: 'IRSA role with xray:PutTraceSegments and xray:GetSampling*',
  },
  sampleAppImage: {
    kind: 'image',
    env: 'O11Y_PROMETHEUS_SAMPLE_APP_IMAGE',
    example: `${EXAMPLE_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/prometheus-sample-app:example`,
    description: 'image of the Prometheus sample app in your registry',
  },
  ho11yImage: {
    kind: 'image',
    env: 'O11Y_HO11Y_IMAGE',
    example: `${EXAMPLE_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/ho11y:example`,
    description: 'image of ho11y in your registry',
  },
} as const;

/**
 * The aws environment's in-cluster pipelines: ADOT → AMP metrics, ADOT → X-Ray traces, the exporters the EKS
 * dashboard reads, and the two sample workloads. One validated YAML file per chart.
 */
export function awsCharts(env: Readonly<Record<string, string | undefined>> = process.env, warn?: (line: string) => void): ChartArtifact[] {
  return awsChartsWith(readChartConfig(AWS_CHART_CONFIG, { source: SOURCE, env, warn }));
}

/** The aws charts as Helm charts: every AWS_CHART_CONFIG value is an install-time value. */
export function awsHelmCharts(): HelmChartArtifact[] {
  return helmPackages(AWS_CHART_CONFIG, awsChartsWith, { version: AWS_HELM_CHART_VERSION, environment: 'aws', source: SOURCE });
}

/** Version of the aws Helm charts; bump it when their templates change. */
export const AWS_HELM_CHART_VERSION = '0.2.0';

type AwsChartConfig = Record<keyof typeof AWS_CHART_CONFIG, string>;

function awsChartsWith(config: AwsChartConfig): ChartArtifact[] {
  const app = new App();

  new AdotMetricsCollector(new Chart(app, 'adot-metrics'), 'collector', {
    region: config.region,
    remoteWriteUrl: ampRemoteWriteUrl(config.region, config.ampWorkspaceId),
    roleArn: config.metricsRoleArn,
  });
  const traces = new AdotTracesCollector(new Chart(app, 'adot-traces'), 'collector', {
    region: config.region,
    roleArn: config.tracesRoleArn,
  });

  const exporters = new Chart(app, 'cluster-exporters');
  new KubeStateMetrics(exporters, 'kube-state-metrics');
  // Runs on EC2 nodes only; Fargate pods have no node to export.
  new NodeExporter(exporters, 'node-exporter');

  new PrometheusSampleApp(new Chart(app, 'prometheus-sample-app'), 'app', { image: config.sampleAppImage });
  new Ho11ySampleApp(new Chart(app, 'ho11y'), 'app', { image: config.ho11yImage, otlpEndpoint: traces.otlpGrpcEndpoint });

  return synthesizeCharts(app, { source: SOURCE });
}
