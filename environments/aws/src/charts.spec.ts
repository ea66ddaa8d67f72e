import { defaultEnvoyConfig } from '@o11y/dashboard-envoy';
import { defaultSampleAppConfig } from '@o11y/dashboard-sample-app';
import { DefinitionError } from '@o11y/environment';
import { collectorConfigsIn, envoySidecarJob, helmLintAndTemplate, otelcolValidate } from '@o11y/k8s';
import { describeHelmCharts } from '@o11y/k8s/testing';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { AWS_CHART_CONFIG, AWS_HELM_CHART_VERSION, awsCharts, awsHelmCharts } from './charts.js';

const quiet = () => undefined;
const ENV = {
  AWS_REGION: 'eu-west-1',
  AMP_WORKSPACE_ID: 'ws-0123',
  O11Y_ADOT_METRICS_ROLE_ARN: 'arn:aws:iam::123456789012:role/amp-writer',
  O11Y_ADOT_TRACES_ROLE_ARN: 'arn:aws:iam::123456789012:role/xray-writer',
  O11Y_PROMETHEUS_SAMPLE_APP_IMAGE: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/prometheus-sample-app:1.0',
  O11Y_HO11Y_IMAGE: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/ho11y:1.0',
};

function objects(chart: string, env: Record<string, string> = ENV): any[] {
  const artifact = awsCharts(env, quiet).find((c) => c.name === chart);
  if (!artifact) throw new Error(`no chart ${chart}`);
  return parseAllDocuments(artifact.yaml).map((d) => d.toJS());
}

describe('awsCharts', () => {
  it('synthesizes the AMP metrics pipeline, the X-Ray traces pipeline, the exporters and both sample workloads', () => {
    // given / when
    const charts = awsCharts(ENV, quiet);
    // then
    expect(charts.map((c) => c.name)).toEqual(['adot-metrics', 'adot-traces', 'cluster-exporters', 'ho11y', 'prometheus-sample-app']);
  });

  it('takes the remote-write URL, SigV4 region and IRSA roles from the environment', () => {
    // given / when
    const metrics = objects('adot-metrics');
    const config = parse(metrics.find((o) => o.kind === 'ConfigMap').data['collector.yaml']);
    // then
    expect(config.exporters.prometheusremotewrite.endpoint).toBe(
      'https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-0123/api/v1/remote_write',
    );
    expect(config.extensions.sigv4auth.region).toBe('eu-west-1');
    const pod = metrics.find((o) => o.kind === 'Deployment').spec.template.spec;
    const account = metrics.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === pod.serviceAccountName);
    expect(account.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(ENV.O11Y_ADOT_METRICS_ROLE_ARN);
    const traces = objects('adot-traces');
    expect(parse(traces.find((o) => o.kind === 'ConfigMap').data['collector.yaml']).exporters.awsxray.region).toBe('eu-west-1');
    expect(traces.find((o) => o.kind === 'ServiceAccount').metadata.annotations['eks.amazonaws.com/role-arn']).toBe(
      ENV.O11Y_ADOT_TRACES_ROLE_ARN,
    );
  });

  it('points ho11y at the traces collector OTLP Service port', () => {
    // given / when
    const frontend = objects('ho11y').find((o) => o.kind === 'Deployment' && o.metadata.name === 'frontend');
    const service = objects('adot-traces').find((o) => o.kind === 'Service');
    // then
    const endpoint = frontend.spec.template.spec.containers[0].env.find(
      (e: { name: string }) => e.name === 'OTEL_EXPORTER_OTLP_ENDPOINT',
    ).value;
    expect(endpoint).toBe(`${service.metadata.name}.${service.metadata.namespace}:4317`);
    expect(service.spec.ports.map((p: { port: number }) => p.port)).toContain(4317);
  });

  it('exports what the EKS dashboard reads: the node-group label and node-exporter on the host network', () => {
    // given / when
    const exporters = objects('cluster-exporters');
    // then
    const ksm = exporters.find((o) => o.kind === 'Deployment' && o.metadata.name === 'kube-state-metrics');
    expect(ksm.spec.template.spec.containers[0].args).toContain('--metric-labels-allowlist=nodes=[eks.amazonaws.com/nodegroup]');
    expect(exporters.find((o) => o.kind === 'DaemonSet').spec.template.spec.hostNetwork).toBe(true);
  });

  it('labels Envoy series with the labels the Envoy dashboard filters on', () => {
    // given
    const targetLabels = envoySidecarJob().relabel.map((r) => r.targetLabel);
    // when / then
    expect(targetLabels).toContain(defaultEnvoyConfig.namespaceLabel);
    expect(targetLabels).toContain(defaultEnvoyConfig.serviceLabel);
  });

  it('scrapes the App Mesh Envoy sidecars on the admin port, with the labels the Envoy dashboard and alerts select', () => {
    // given / when
    const config = parse(objects('adot-metrics').find((o) => o.kind === 'ConfigMap').data['collector.yaml']);
    const envoy = config.receivers.prometheus.config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'appmesh-envoy');
    // then
    expect(envoy).toMatchObject({ metrics_path: '/stats/prometheus', kubernetes_sd_configs: [{ role: 'pod' }] });
    const targets = envoy.relabel_configs.map((r: { target_label?: string; replacement?: string }) => [r.target_label, r.replacement]);
    expect(targets).toContainEqual(['__address__', '$$1:9901']);
    expect(targets.map(([label]: string[]) => label)).toEqual(
      expect.arrayContaining([defaultEnvoyConfig.namespaceLabel, defaultEnvoyConfig.serviceLabel]),
    );
  });

  it('keeps the names the targets expose on the way to AMP: no `_total` added to counters', () => {
    const config = parse(objects('adot-metrics').find((o) => o.kind === 'ConfigMap').data['collector.yaml']);
    expect(config.exporters.prometheusremotewrite.add_metric_suffixes).toBe(false);
  });

  it("names the sample app's Service as the sample-app alerts select it (the service label comes from the Service name)", () => {
    // given
    const service = objects('prometheus-sample-app').find((o) => o.kind === 'Service');
    // when
    const selected = Object.fromEntries([...defaultSampleAppConfig.targetSelector.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    // then
    expect(selected).toEqual({ namespace: service.metadata.namespace, service: service.metadata.name });
    expect(service.metadata.annotations).toMatchObject({ scrape: 'true' });
  });

  it('commits no account: unset variables fall back to documentation examples with one warning', () => {
    // given
    const warnings: string[] = [];
    // when
    const yaml = awsCharts({}, (line) => warnings.push(line))
      .map((c) => c.yaml)
      .join('\n');
    // then
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('O11Y_ADOT_METRICS_ROLE_ARN');
    expect(yaml).toContain('arn:aws:iam::111122223333:role/EXAMPLE-adot-metrics');
  });

  it('fails the build on a missing role ARN in strict mode, naming the variable', () => {
    // given
    const { O11Y_ADOT_TRACES_ROLE_ARN: _unset, ...env } = ENV;
    // when
    let error: unknown;
    try {
      awsCharts({ ...env, O11Y_STRICT_CONFIG: '1' }, quiet);
    } catch (e) {
      error = e;
    }
    // then
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).message).toContain('environment variable O11Y_ADOT_TRACES_ROLE_ARN: not set');
  });

  it('fails the build on a malformed role ARN', () => {
    // given / when / then
    expect(() => awsCharts({ ...ENV, O11Y_ADOT_METRICS_ROLE_ARN: 'amp-writer' }, quiet)).toThrow(/not an IAM role ARN/);
  });
});

describe('aws collector configurations', () => {
  it('are each loaded by the real OpenTelemetry Collector (otelcol validate)', () => {
    // given every collector configuration the build writes
    const found = awsCharts(ENV, quiet).flatMap((c) => collectorConfigsIn(parseAllDocuments(c.yaml).map((d) => d.toJS())));
    expect(found.map((f) => f.source)).toEqual([
      'ConfigMap adot-col/adot-metrics-config data.collector.yaml',
      'ConfigMap adot-col/adot-traces-config data.collector.yaml',
    ]);

    // when / then
    expect(found.map((f) => otelcolValidate(f.config, f.source).substituted)).toEqual([[], ['awsxray']]);
  });
});

// The install-time values for the test account, keyed like values.yaml.
const values = Object.fromEntries(
  Object.entries(AWS_CHART_CONFIG).map(([key, variable]) => [key, ENV[variable.env as keyof typeof ENV]]),
) as Record<string, string>;

describeHelmCharts({
  environment: 'aws',
  helmCharts: awsHelmCharts,
  builtCharts: () => awsCharts(ENV, quiet),
  values,
  version: AWS_HELM_CHART_VERSION,
  // The charts' files at each released version; a template change needs a new version and a new line here.
  released: { '0.2.0': 'sha256:303ccbe065be979f7bba73e6113609c0298798d4f2d2001d7b13c499d00feba6' },
});

describe('aws Helm chart values', () => {
  it('rejects a malformed role ARN through values.schema.json', () => {
    // given
    const metrics = awsHelmCharts().find((c) => c.name === 'adot-metrics')!;
    // when / then
    expect(() => helmLintAndTemplate(metrics, { ...values, metricsRoleArn: 'amp-writer' })).toThrow(
      /metricsRoleArn.*does not match pattern/,
    );
  });
});
