export { envoyDashboard } from './dashboard.js';
export { defaultEnvoyConfig, type EnvoyConfig } from './config.js';
export * as envoyQueries from './queries.js';
