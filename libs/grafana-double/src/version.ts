/** Which Grafana behaviours the stand-in imitates for one `--grafana-version`. */
export interface ImitatedVersion {
  version: string;
  major: number;
  minor: number;
  /** Nested folders: a feature toggle (off by default) on 10.x, on from 11 (Grafana's nestedFolders toggle). */
  nestedFolders: boolean;
  /** Kubernetes-style API version of dashboard.grafana.app / folder.grafana.app; null before 12. */
  apisVersion: 'v1beta1' | 'v1' | null;
  /**
   * Titles unique per folder (412 name-exists for dashboards, 409 for folders): through 11.2. Grafana PR #90687
   * ("Dashboards: Remove unique name constraints") dropped it in 11.3, so of the imitated lines only 10.4 has it.
   */
  dashboardTitleUnique: boolean;
  /** GET /api/dashboards/uid/:uid/versions answers {continueToken, versions} on 11.6 and later, a bare array on 11.4 and before (grafana/grafana#104556). */
  versionsPaginated: boolean;
  /** Plugin ids this version ships or preinstalls (used by /api/plugins and data source health). */
  plugins: readonly string[];
}

export const SUPPORTED_VERSION_LINES = ['10.4', '11.6', '12.4', '13.0'] as const;

const CORE_DATASOURCE_PLUGINS = [
  'prometheus',
  'loki',
  'tempo',
  'jaeger',
  'zipkin',
  'elasticsearch',
  'cloudwatch',
  'graphite',
  'influxdb',
  'mysql',
  'grafana-postgresql-datasource',
  'mssql',
  'alertmanager',
  'grafana-testdata-datasource',
];

export function imitatedVersion(version: string, options: { nestedFolders?: boolean } = {}): ImitatedVersion {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  if (!match) throw new Error(`--grafana-version: "${version}" is not a version like 12.4.2`);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const line = `${major}.${minor}`;
  if (!(SUPPORTED_VERSION_LINES as readonly string[]).includes(line)) {
    throw new Error(
      `--grafana-version: ${version} is not imitated; choose one of ${SUPPORTED_VERSION_LINES.map((v) => `${v}.x`).join(', ')}`,
    );
  }
  return {
    version,
    major,
    minor,
    nestedFolders: options.nestedFolders ?? major >= 11,
    apisVersion: major >= 13 ? 'v1' : major === 12 ? 'v1beta1' : null,
    dashboardTitleUnique: major < 11 || (major === 11 && minor < 3),
    versionsPaginated: major > 11 || (major === 11 && minor >= 6),
    // grafana-amazonprometheus-datasource is preinstalled from 12 (core SigV4 in prometheus deprecated, PR #90250).
    plugins: major >= 12 ? [...CORE_DATASOURCE_PLUGINS, 'grafana-amazonprometheus-datasource'] : CORE_DATASOURCE_PLUGINS,
  };
}
