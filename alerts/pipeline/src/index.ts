export * from './rules.js';
export { defaultPipelineAlertsConfig, type PipelineAlertsConfig } from './config.js';
