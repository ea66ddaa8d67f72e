export { localEnvironment } from './environment.js';
export { PREVIEW_SCRAPE_JOBS, previewMetricsPipeline, type PreviewWorkload } from './preview-pipeline.js';
export { LOCAL_ENDPOINTS, listenAddress } from './local-endpoints.js';
