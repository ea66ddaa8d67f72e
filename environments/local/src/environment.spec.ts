import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/artifacts';
import { missingRunbooks, routeAlert } from '@o11y/alerting';
import { localEnvironment } from './environment.js';

const root = findWorkspaceRoot(import.meta.dirname);
const json = (files: ReadonlyMap<string, string>, path: string) => JSON.parse(files.get(path)!);

describe('local environment', () => {
  it('builds the five dashboards and the local data sources into nested folders', () => {
    // when
    const { manifest } = buildEnvironment(localEnvironment, root);

    // then
    const byKind = (kind: string) => manifest.resources.filter((r) => r.kind === kind).map((r) => r.uid);
    expect(byKind('dashboard')).toEqual(['eks-node-groups', 'envoy-proxy', 'metrics-pipeline', 'prometheus-sample-app', 'xray-services']);
    expect(byKind('datasource')).toEqual(['loki', 'prometheus', 'tempo', 'xray']);
    expect(manifest.resources.filter((r) => r.kind === 'folder' && r.folder === 'o11y')).toHaveLength(4);
    expect(manifest.resources.find((r) => r.uid === 'envoy-proxy')).toMatchObject({
      folder: 'o11y-service-mesh',
      source: 'dashboards/envoy/src/dashboard.ts',
    });
  });

  it('points the Prometheus dashboards at the local Prometheus and X-Ray at X-Ray', () => {
    const { files } = buildEnvironment(localEnvironment, root);
    for (const uid of ['envoy-proxy', 'eks-node-groups', 'prometheus-sample-app', 'metrics-pipeline']) {
      expect(json(files, `grafana/dashboards/${uid}.json`).templating.list[0]).toMatchObject({
        type: 'datasource',
        query: 'prometheus',
        current: { value: 'prometheus' },
      });
    }
    expect(json(files, 'grafana/dashboards/xray-services.json').templating.list[0]).toMatchObject({
      query: 'grafana-x-ray-datasource',
      current: { value: 'xray' },
    });
    expect(json(files, 'grafana/datasources/prometheus.json')).toMatchObject({ url: 'http://localhost:9090', isDefault: true });
  });

  it("matches node-exporter on any port, since the preview's node-exporter runs on a free loopback port", () => {
    // when
    const eks = json(buildEnvironment(localEnvironment, root).files, 'grafana/dashboards/eks-node-groups.json');

    // then
    const exprs: string[] = eks.panels.flatMap((p: { targets?: { expr: string }[] }) => (p.targets ?? []).map((t) => t.expr));
    const nodeExporter = exprs.filter((e) => /\bnode_/.test(e));
    expect(nodeExporter.length).toBeGreaterThan(0);
    for (const e of nodeExporter) expect(e).toContain('instance=~"($instance):[0-9]+"');
  });

  it('links Tempo traces to Loki logs and the service map to Prometheus', () => {
    const tempo = json(buildEnvironment(localEnvironment, root).files, 'grafana/datasources/tempo.json');
    expect(tempo.jsonData).toMatchObject({ tracesToLogsV2: { datasourceUid: 'loki' }, serviceMap: { datasourceUid: 'prometheus' } });
  });

  it('alerts through a local webhook, the platform team by email, evaluated by Grafana', () => {
    // when
    const { manifest, files } = buildEnvironment(localEnvironment, root);
    const tree = json(files, 'grafana/alerting/policies/policy-tree.json');

    // then
    expect(json(files, 'grafana/alerting/contact-points/local-webhook.json')).toMatchObject({
      type: 'webhook',
      settings: { url: 'http://localhost:9094/alerts', httpMethod: 'POST' },
    });
    expect(routeAlert(tree, { team: 'mesh', severity: 'warning', alertname: 'EnvoyDownstreamLatencyHigh' })[0]!.receiver).toBe(
      'Local webhook',
    );
    expect(routeAlert(tree, { team: 'platform', severity: 'critical', alertname: 'KubeNodeNotReady' })[0]!.receiver).toBe('Local email');
    expect(manifest.resources.filter((r) => r.kind === 'alert-rule-group')).toHaveLength(8);
    expect(manifest.resources.filter((r) => r.kind === 'prometheus-rules')).toEqual([]);
    // X-Ray fault rates are Grafana-managed rules on the X-Ray data source.
    expect(json(files, 'grafana/alerting/rule-groups/xray-services.json').rules[0].data[0]).toMatchObject({
      datasourceUid: 'xray',
      model: { queryType: 'getTimeSeriesServiceStatistics' },
    });
  });

  it('builds the same bytes twice', () => {
    expect([...buildEnvironment(localEnvironment, root).files]).toEqual([...buildEnvironment(localEnvironment, root).files]);
  });

  it('links every alert to a runbook that exists (docs/runbooks, or the mixin page upstream)', () => {
    expect(missingRunbooks(localEnvironment.alerting!.alertSets, join(root, 'docs/runbooks'))).toEqual([]);
  });
});
