import { describe, expect, it } from 'vitest';
import { buildEnvironment, findWorkspaceRoot } from '@o11y/build';
import { awsEnvironment } from './environment.js';

const root = findWorkspaceRoot(import.meta.dirname);

describe('aws environment', () => {
  const { manifest, files } = buildEnvironment({ ...awsEnvironment, charts: undefined }, root);
  const json = (path: string) => JSON.parse(files.get(path)!);

  it('targets an Amazon Managed Grafana 12.4 workspace found at publish time', () => {
    expect(manifest.grafana).toEqual({ kind: 'amazon-managed-grafana', workspaceId: '${env:AMG_WORKSPACE_ID}', region: '${env:AWS_REGION}', version: '12.4' });
  });

  it('uses the Amazon Managed Prometheus plugin on Grafana 12, signed with the workspace role', () => {
    expect(json('grafana/datasources/amp.json')).toMatchObject({
      type: 'grafana-amazonprometheus-datasource',
      url: 'https://aps-workspaces.${env:AWS_REGION}.amazonaws.com/workspaces/${env:AMP_WORKSPACE_ID}/',
      jsonData: { sigV4Auth: true, sigV4AuthType: 'ec2_iam_role', sigV4Region: '${env:AWS_REGION}' },
    });
    expect(manifest.resources.find((r) => r.uid === 'amp')?.env).toEqual(['AMP_WORKSPACE_ID', 'AWS_REGION']);
  });

  it('points every Prometheus dashboard at the AMP plugin type', () => {
    for (const uid of ['envoy-proxy', 'eks-node-groups', 'prometheus-sample-app']) {
      expect(json(`grafana/dashboards/${uid}.json`).templating.list[0]).toMatchObject({ query: 'grafana-amazonprometheus-datasource', current: { value: 'amp' } });
    }
    expect(json('grafana/datasources/xray.json')).toMatchObject({ type: 'grafana-x-ray-datasource', jsonData: { defaultRegion: '${env:AWS_REGION}' } });
  });

  it('commits no account-specific value: no account id, workspace id or region in any artifact', () => {
    for (const [path, content] of files) {
      expect(content, path).not.toMatch(/\b\d{12}\b|ws-[0-9a-f]{8}|g-[0-9a-f]{10}|(us|eu|ap)-(east|west|central|south|north)-\d/);
    }
  });
});

describe('aws build target', () => {
  it('declares every variable the charts read as an Nx input, so a changed value is never a cache hit', async () => {
    const { readFileSync } = await import('node:fs');
    const { AWS_CHART_CONFIG } = await import('./charts.js');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const inputs = pkg.nx.targets.build.inputs.filter((i: unknown) => typeof i === 'object').map((i: { env: string }) => i.env);
    expect(inputs).toEqual(expect.arrayContaining([...Object.values(AWS_CHART_CONFIG).map((c) => c.env), 'O11Y_STRICT_CONFIG']));
  });
});
