import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prometheusRuleFiles, promtoolCheckAndTest, promtoolCoverageGaps, promtoolTestFiles } from '@o11y/alerting';
import { eksAlerts, kubeNodeNotReady, nodeFilesystemAlmostOutOfSpace } from './rules.js';
import { defaultEksConfig } from '@o11y/dashboard-eks';

describe('eks alerts', () => {
  it('groups the alerts by area like kubernetes-mixin', () => {
    const set = eksAlerts();
    expect(set.groups.map((g) => [g.name, g.rules.map((r) => r.name)])).toEqual([
      ['kubernetes-nodes', ['KubeNodeNotReady']],
      ['kubernetes-apps', ['KubePodCrashLooping', 'KubePodNotReady']],
      ['node-exporter', ['NodeCPUHighUsage', 'NodeMemoryHighUtilization', 'NodeFilesystemAlmostOutOfSpace']],
    ]);
    expect(new Set(set.groups.flatMap((g) => g.rules.map((r) => r.severity)))).toEqual(new Set(['warning', 'critical']));
  });

  it('alerts on a node whose Ready condition is not true, per node', () => {
    const rule = kubeNodeNotReady(defaultEksConfig);
    expect(rule.query).toMatchObject({
      kind: 'promql',
      expr: 'max by (node) (kube_node_status_condition{condition="Ready", status="true"})',
    });
    expect(rule.threshold).toEqual({ op: 'lt', value: 1 });
  });

  it('lets an environment raise the disk threshold and scope node-exporter without copying the rule', () => {
    // when
    const set = eksAlerts({ nodeFilesystem: { threshold: 0.95 }, nodeExporterSelector: 'job="node-exporter"' });
    const rule = set.groups[2]!.rules[2]!;

    // then
    expect(rule.threshold.value).toBe(0.95);
    expect(rule.for).toBe(nodeFilesystemAlmostOutOfSpace(defaultEksConfig).for);
    expect(rule.query).toMatchObject({
      expr: expect.stringContaining(
        'node_filesystem_avail_bytes{job="node-exporter", fstype!="", fstype!~"tmpfs|overlay|squashfs|ramfs", mountpoint!="", mountpoint!~"/var/lib/kubelet/.+"}',
      ),
    });
    expect(rule.summary).toBe('A node file system is more than 95% full.');
  });

  it('passes promtool check and unit tests, with a firing and a quiet case for every alert', () => {
    const files = prometheusRuleFiles(eksAlerts());
    const tests = promtoolTestFiles(join(import.meta.dirname, '../promtool'));
    expect(promtoolCoverageGaps(files, tests)).toEqual([]);
    expect(promtoolCheckAndTest(files, tests).test).toContain('SUCCESS');
  });
});
