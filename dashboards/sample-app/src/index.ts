export { sampleAppDashboard } from './dashboard.js';
export { defaultSampleAppConfig, type SampleAppConfig } from './config.js';
export * as sampleAppQueries from './queries.js';
