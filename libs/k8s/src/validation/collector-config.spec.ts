import { describe, expect, it } from 'vitest';
import { adotMetricsConfig } from '../collectors/adot-metrics-config.js';
import { collectorConfigObject } from '../collectors/otel-collector-config.js';
import { EXAMPLE } from '../../test/support.js';
import { checkCollectorConfig, listeningPorts } from './collector-config.js';

const valid = () => collectorConfigObject(adotMetricsConfig({ region: EXAMPLE.region, remoteWriteUrl: EXAMPLE.remoteWriteUrl })) as any;

describe('checkCollectorConfig', () => {
  it('accepts the metrics pipeline as generated', () => {
    // given / when / then
    expect(checkCollectorConfig(valid())).toEqual([]);
  });

  it('names a pipeline exporter that is not defined', () => {
    // given
    const config = valid();
    config.service.pipelines.metrics.exporters = ['prometheusremotewrite', 'awsemf'];
    // when / then
    expect(checkCollectorConfig(config)).toEqual([
      { path: 'service.pipelines.metrics.exporters[1]', message: 'exporter "awsemf" is not defined under exporters' },
    ]);
  });

  it('names undefined receivers and processors, and empty pipelines', () => {
    // given
    const config = valid();
    config.service.pipelines['traces/app'] = { receivers: ['otlp'], processors: ['batch'], exporters: [] };
    // when
    const issues = checkCollectorConfig(config).map((i) => i.path);
    // then
    expect(issues).toEqual([
      'service.pipelines.traces/app.receivers[0]',
      'service.pipelines.traces/app.processors[0]',
      'service.pipelines.traces/app.exporters',
    ]);
  });

  it('rejects the removed logging exporter and a localhost health check', () => {
    // given
    const config = valid();
    config.exporters.logging = { loglevel: 'debug' };
    config.extensions.health_check = {};
    // when
    const messages = checkCollectorConfig(config).map((i) => `${i.path}: ${i.message}`);
    // then
    expect(messages).toContainEqual(expect.stringMatching(/^exporters\.logging: the logging exporter was removed/));
    expect(messages).toContainEqual(expect.stringMatching(/^extensions\.health_check\.endpoint: health_check must listen on 0\.0\.0\.0/));
  });

  it('requires the authenticator extension to be defined and enabled', () => {
    // given
    const config = valid();
    config.service.extensions = ['health_check'];
    // when / then
    expect(checkCollectorConfig(config)).toEqual([
      {
        path: 'exporters.prometheusremotewrite.auth.authenticator',
        message: 'authenticator "sigv4auth" is defined but not enabled in service.extensions',
      },
    ]);
  });

  it('lists the ports a configuration listens on', () => {
    // given / when
    const ports = listeningPorts(valid()).map((p) => `${p.purpose}:${p.port}`);
    // then
    expect(ports).toEqual(['health:13133', 'telemetry:8888']);
  });
});
