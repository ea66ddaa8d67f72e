export { pipelineDashboard } from './dashboard.js';
export { defaultPipelineConfig, type PipelineConfig, type PipelineScraper } from './config.js';
export * as pipelineQueries from './queries.js';
