export { eksDashboard } from './dashboard.js';
export { defaultEksConfig, type EksConfig, type UtilisationAlert } from './config.js';
export * as eksQueries from './queries.js';
