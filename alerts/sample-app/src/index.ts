export * from './rules.js';
export { defaultSampleAppAlertsConfig, type SampleAppAlertsConfig } from './config.js';
