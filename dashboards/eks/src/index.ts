export { eksDashboard } from './dashboard.js';
export { defaultEksConfig, type EksConfig } from './config.js';
export * as eksQueries from './queries.js';
