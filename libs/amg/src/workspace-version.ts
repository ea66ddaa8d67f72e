import { versionAtLeast } from '@o11y/environment';

/** Version thresholds where Grafana's behaviour changes what this project builds. */
const ARTIFACT_BOUNDARIES: readonly { readonly from: string; readonly what: string }[] = [
  // libs/datasources/src/amazon-managed-prometheus.ts picks the plugin type by this boundary.
  { from: '12', what: 'the Amazon Managed Prometheus data source type (grafana-amazonprometheus-datasource from 12, prometheus before)' },
  // AMG 9.4 has no subfolders; 10.4 and later do.
  { from: '10', what: 'nested folders (absent before 10)' },
];

/**
 * Why artifacts built for `declared` would be wrong on a workspace running `actual` (empty when they fit).
 * Only boundaries that change the artifacts count: 12.4 vs 12.4.1 is fine, 12.4 vs 10.4 is not.
 */
export function artifactVersionMismatches(declared: string, actual: string): string[] {
  return ARTIFACT_BOUNDARIES.filter((b) => versionAtLeast(declared, b.from) !== versionAtLeast(actual, b.from)).map((b) => b.what);
}
