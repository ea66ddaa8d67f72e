export * from './rules.js';
export { defaultEksAlertsConfig, type EksAlertsConfig, type UtilisationAlert } from './config.js';
export * as eksAlertQueries from './queries.js';
