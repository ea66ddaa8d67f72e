export * from './rules.js';
export { defaultPipelineConfig, type PipelineConfig } from '@o11y/dashboard-pipeline';
