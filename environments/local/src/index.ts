export { localEnvironment } from './environment.js';
export { PREVIEW_TARGETS, previewMetricsPipeline } from './preview-pipeline.js';
