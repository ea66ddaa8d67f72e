import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTool } from '@o11y/workspace-tools';
import { renderPrometheusConfig } from './prometheus-config.js';

const targets = [
  { job: 'envoy', address: '127.0.0.1:9901', metricsPath: '/stats/prometheus' },
  { job: 'node-exporter', address: '127.0.0.1:9100' },
];

describe('renderPrometheusConfig', () => {
  it('scrapes every target at the interval, with a timeout no longer than the interval', () => {
    // when
    const config = JSON.parse(renderPrometheusConfig('1s', targets));

    // then
    expect(config.global).toEqual({ scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' });
    expect(config.scrape_configs).toEqual([
      { job_name: 'envoy', metrics_path: '/stats/prometheus', static_configs: [{ targets: ['127.0.0.1:9901'] }] },
      { job_name: 'node-exporter', metrics_path: '/metrics', static_configs: [{ targets: ['127.0.0.1:9100'] }] },
    ]);
    expect(JSON.parse(renderPrometheusConfig('15s', targets)).global.scrape_timeout).toBe('10s');
  });

  it('is a configuration promtool accepts', () => {
    // given the pinned Prometheus 3 promtool
    const promtool = resolveTool('promtool').path;
    const dir = mkdtempSync(join(tmpdir(), 'o11y-preview-config-'));
    try {
      const file = join(dir, 'prometheus.yml');
      writeFileSync(file, renderPrometheusConfig('1s', targets));

      // when
      const out = execFileSync(promtool, ['check', 'config', file], { encoding: 'utf8' });

      // then
      expect(out).toContain('SUCCESS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
