import type { ChartArtifact, HelmChartArtifact } from '@o11y/environment';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { helmChartsDigest } from '../src/charts/helm-package.js';
import { helmLintAndTemplate } from '../src/charts/helm-cli.js';
import { sortObjects } from '../src/charts/synthesize-charts.js';
import { validateManifests } from '../src/validation/index.js';
import type { Manifest } from '../src/validation/manifest.js';

export interface HelmChartSuite {
  /** The environment, named in the titles. */
  readonly environment: string;
  readonly helmCharts: () => readonly HelmChartArtifact[];
  /** What the build writes for the account whose install-time values `values` are. */
  readonly builtCharts: () => readonly ChartArtifact[];
  readonly values: Readonly<Record<string, string>>;
  /** The charts' version and the digest of their files at each released version (helmChartsDigest). */
  readonly version: string;
  readonly released: Readonly<Record<string, string>>;
}

/**
 * The tests every environment's Helm charts share, with the pinned helm: each chart lints and renders with an
 * account's values to what the build writes for that account, the rendered manifests validate together, and the
 * charts' files are the ones released under their version (a template change needs a version bump).
 */
export function describeHelmCharts(suite: HelmChartSuite): void {
  describe(`${suite.environment} Helm charts with the pinned helm`, () => {
    const built = new Map(suite.builtCharts().map((c) => [c.name, parseAllDocuments(c.yaml).map((d) => d.toJS())]));
    const rendered: Manifest[] = [];

    for (const chart of suite.helmCharts()) {
      it(`${chart.name}: passes helm lint and renders with an account's values to what the build writes for that account`, () => {
        // given the account's values this chart declares
        const declared = Object.keys((parse(chart.files['values.yaml']!) as Record<string, string> | null) ?? {});

        // when
        const { lint, objects } = helmLintAndTemplate(chart, Object.fromEntries(declared.map((k) => [k, suite.values[k]!])));
        rendered.push(...objects.map((object) => ({ chart: chart.name, object })));

        // then
        expect(lint).toContain('1 chart(s) linted, 0 chart(s) failed');
        expect(sortObjects(objects)).toEqual(built.get(chart.name));
      });
    }

    it('renders manifests that pass the offline validation together', () => {
      expect(rendered.length).toBeGreaterThan(0);
      expect(validateManifests(rendered)).toEqual([]);
    });

    it(`given the charts as built now, then their files are the ones released under version ${suite.version}`, () => {
      expect(helmChartsDigest(suite.helmCharts()), 'templates changed: bump the charts version and record the digest').toBe(
        suite.released[suite.version],
      );
    });
  });
}
