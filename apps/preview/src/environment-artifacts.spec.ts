import { buildEnvironment, findWorkspaceRoot, writeArtifacts } from '@o11y/artifacts';
import { localEnvironment } from '@o11y/env-local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  artifactDatasources,
  artifactDashboards,
  artifactRuleGroups,
  asLocalPrometheus,
  dashboardAsLocalPrometheus,
  readBuiltArtifacts,
} from './environment-artifacts.js';

describe('environment artifacts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-artifacts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads dist/<env> as written by the build: the same dashboards, data sources and rule groups as the build in memory', async () => {
    // given
    const build = buildEnvironment(localEnvironment, findWorkspaceRoot(import.meta.dirname));
    await writeArtifacts(dir, new Map([...build.files, ['manifest.json', JSON.stringify(build.manifest)]]));

    // when
    const read = readBuiltArtifacts(dir);

    // then
    expect(artifactDashboards(read)).toEqual(artifactDashboards(build));
    expect(artifactDatasources(read)).toEqual(artifactDatasources(build));
    expect(artifactRuleGroups(read).map((g) => g.title)).toEqual(artifactRuleGroups(build).map((g) => g.title));
    expect(artifactRuleGroups(read).length).toBeGreaterThan(0);
  });

  it("reads AMP's data source type, and data source variables of that type, as Prometheus", () => {
    // given
    const amp = { uid: 'amp', name: 'AMP', type: 'grafana-amazonprometheus-datasource' };
    const dashboard = { uid: 'd', title: 'D', templating: { list: [{ name: 'datasource', type: 'datasource', query: amp.type }] } };

    // when / then
    expect(asLocalPrometheus([amp, { uid: 'xray', name: 'X-Ray', type: 'grafana-x-ray-datasource' }]).map((d) => d.type)).toEqual([
      'prometheus',
      'grafana-x-ray-datasource',
    ]);
    expect(dashboardAsLocalPrometheus(dashboard).templating).toEqual({
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }],
    });
  });
});
