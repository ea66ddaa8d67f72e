export {
  importDashboard,
  formatImportReport,
  importSucceeded,
  type ImportOptions,
  type ImportReport,
  type ImportResult,
  type ImportChange,
} from './import-dashboard.js';
export { compareDashboards, normalizeForComparison, type Difference } from './compare.js';
export { normalizeGrafanaDashboard, canonicalDatasource } from './grafana-normalize.js';
export { bindDatasources, inferPluginType, type DatasourceBinding } from './datasources.js';
export {
  ImportError,
  migratePanel,
  migrateGraphPanel,
  migrateTableOldPanel,
  migrateSinglestatPanel,
  migrateLegacyHeatmapPanel,
  type PanelConversion,
} from './migrate/index.js';
export { fetchDashboard, parseDashboardUrl, grafanaAuthHeader, type DashboardLocation } from './fetch-dashboard.js';
export { GENERATED_BY } from './project-files.js';
