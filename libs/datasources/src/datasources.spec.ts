import { describe, expect, it } from 'vitest';
import { fromEnv } from '@o11y/environment';
import { amazonManagedPrometheus, AMAZON_PROMETHEUS_PLUGIN_ID, loki, mimir, prometheus, tempo, xray } from './index.js';

describe('amazonManagedPrometheus', () => {
  const base = { region: 'eu-west-1', workspaceId: 'ws-123' };

  it('uses the dedicated plugin from Grafana 12', () => {
    // given / when
    const ds = amazonManagedPrometheus({ ...base, grafana: { version: '12.4' } });

    // then
    expect(ds.type).toBe(AMAZON_PROMETHEUS_PLUGIN_ID);
    expect(ds.url).toBe('https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-123/');
    expect(ds.jsonData).toMatchObject({ sigV4Auth: true, sigV4AuthType: 'ec2_iam_role', sigV4Region: 'eu-west-1' });
  });

  it('uses core prometheus with SigV4 before Grafana 12', () => {
    expect(amazonManagedPrometheus({ ...base, grafana: { version: '10.4' } }).type).toBe('prometheus');
    expect(amazonManagedPrometheus({ ...base, grafana: { version: '9.4' } }).jsonData).toMatchObject({ sigV4Auth: true });
  });

  it('keeps publish-time references in the URL', () => {
    const ds = amazonManagedPrometheus({
      region: fromEnv('AWS_REGION'),
      workspaceId: fromEnv('AMP_WORKSPACE_ID'),
      grafana: { version: '12.4' },
    });
    expect(ds.url).toBe('https://aps-workspaces.${env:AWS_REGION}.amazonaws.com/workspaces/${env:AMP_WORKSPACE_ID}/');
  });
});

describe('secrets', () => {
  it('keeps passwords as environment references only', () => {
    const ds = prometheus({ url: 'http://p', basicAuth: { user: 'grafana', password: fromEnv('PROM_PASSWORD') } });
    expect(ds).toMatchObject({ basicAuth: true, basicAuthUser: 'grafana', secureJsonData: { basicAuthPassword: '${env:PROM_PASSWORD}' } });
  });

  it('sends a Mimir tenant as a header whose value is a secret', () => {
    const ds = mimir({ url: 'http://mimir/prometheus', tenant: fromEnv('MIMIR_TENANT') });
    expect(ds.jsonData).toMatchObject({ prometheusType: 'Mimir', httpHeaderName1: 'X-Scope-OrgID' });
    expect(ds.secureJsonData).toEqual({ httpHeaderValue1: '${env:MIMIR_TENANT}' });
  });
});

describe('tempo', () => {
  it('links traces to Loki logs and the service map to Prometheus', () => {
    const ds = tempo({ url: 'http://tempo:3200', logsUid: 'loki', metricsUid: 'prometheus' });
    expect(ds.jsonData).toMatchObject({
      tracesToLogsV2: { datasourceUid: 'loki', filterByTraceID: true },
      serviceMap: { datasourceUid: 'prometheus' },
      nodeGraph: { enabled: true },
    });
  });
});

describe('loki and x-ray', () => {
  it('derives a trace link from log lines when Tempo is known', () => {
    const ds = loki({ url: 'http://loki:3100', tracesUid: 'tempo' });
    expect(ds.jsonData.derivedFields).toEqual([expect.objectContaining({ datasourceUid: 'tempo', url: '${__value.raw}' })]);
  });

  it('sets the X-Ray default region', () => {
    expect(xray({ region: 'us-east-1' })).toMatchObject({ type: 'grafana-x-ray-datasource', jsonData: { defaultRegion: 'us-east-1' } });
  });
});
