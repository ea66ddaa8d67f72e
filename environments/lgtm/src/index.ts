export { lgtmEnvironment } from './environment.js';
export * from './charts.js';
export * from './lgtm-stack.js';
export * from './lgtm-helm-values.js';
export * from './upstream-charts.js';
