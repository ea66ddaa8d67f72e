export { envoyAlerts, downstreamLatencyHigh, downstream5xxRatioHigh, noHealthyUpstream } from './rules.js';
export { defaultEnvoyAlertsConfig, type EnvoyAlertsConfig } from './config.js';
export * as envoyAlertQueries from './queries.js';
