import { describe, expect, it } from 'vitest';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/build';
import { localEnvironment } from './environment.js';

const root = findWorkspaceRoot(import.meta.dirname);
const json = (files: ReadonlyMap<string, string>, path: string) => JSON.parse(files.get(path)!);

describe('local environment', () => {
  it('builds the four dashboards and the local data sources into nested folders', () => {
    // when
    const { manifest } = buildEnvironment(localEnvironment, root);

    // then
    const byKind = (kind: string) => manifest.resources.filter((r) => r.kind === kind).map((r) => r.uid);
    expect(byKind('dashboard')).toEqual(['eks-node-groups', 'envoy-proxy', 'prometheus-sample-app', 'xray-services']);
    expect(byKind('datasource')).toEqual(['loki', 'prometheus', 'tempo', 'xray']);
    expect(manifest.resources.filter((r) => r.kind === 'folder' && r.folder === 'o11y')).toHaveLength(4);
    expect(manifest.resources.find((r) => r.uid === 'envoy-proxy')).toMatchObject({ folder: 'o11y-service-mesh', source: 'dashboards/envoy/src/dashboard.ts' });
  });

  it('points the Prometheus dashboards at the local Prometheus and X-Ray at X-Ray', () => {
    const { files } = buildEnvironment(localEnvironment, root);
    for (const uid of ['envoy-proxy', 'eks-node-groups', 'prometheus-sample-app']) {
      expect(json(files, `grafana/dashboards/${uid}.json`).templating.list[0]).toMatchObject({ type: 'datasource', query: 'prometheus', current: { value: 'prometheus' } });
    }
    expect(json(files, 'grafana/dashboards/xray-services.json').templating.list[0]).toMatchObject({ query: 'grafana-x-ray-datasource', current: { value: 'xray' } });
    expect(json(files, 'grafana/datasources/prometheus.json')).toMatchObject({ url: 'http://localhost:9090', isDefault: true });
  });

  it('links Tempo traces to Loki logs and the service map to Prometheus', () => {
    const tempo = json(buildEnvironment(localEnvironment, root).files, 'grafana/datasources/tempo.json');
    expect(tempo.jsonData).toMatchObject({ tracesToLogsV2: { datasourceUid: 'loki' }, serviceMap: { datasourceUid: 'prometheus' } });
  });

  it('builds the same bytes twice', () => {
    expect([...buildEnvironment(localEnvironment, root).files]).toEqual([...buildEnvironment(localEnvironment, root).files]);
  });
});
