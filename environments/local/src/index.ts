export { localEnvironment } from './environment.js';
export { PREVIEW_SCRAPE_JOBS, previewMetricsPipeline, type PreviewWorkload } from './preview-pipeline.js';
