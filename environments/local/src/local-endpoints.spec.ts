import { describe, expect, it } from 'vitest';
import { localEnvironment } from './environment.js';
import { LOCAL_ENDPOINTS, listenAddress } from './local-endpoints.js';

describe('LOCAL_ENDPOINTS', () => {
  it('given the local environment, then its data sources and Grafana point at the local stack', () => {
    const urls = Object.fromEntries(localEnvironment.datasources.map((d) => [d.type, (d as { url?: string }).url]));
    expect(urls).toMatchObject({ prometheus: LOCAL_ENDPOINTS.prometheus, loki: LOCAL_ENDPOINTS.loki, tempo: LOCAL_ENDPOINTS.tempo });
    expect(localEnvironment.grafana).toMatchObject({ kind: 'self-hosted', url: LOCAL_ENDPOINTS.grafana });
  });

  it('given an endpoint, when turned into a listen address, then localhost is the loopback address', () => {
    expect(listenAddress(LOCAL_ENDPOINTS.prometheus)).toBe('127.0.0.1:9090');
    expect(listenAddress('http://10.0.0.1:3100')).toBe('10.0.0.1:3100');
  });
});
