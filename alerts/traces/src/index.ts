export * from './rules.js';
export { defaultTracesAlertsConfig, type TracesAlertsConfig } from './config.js';
