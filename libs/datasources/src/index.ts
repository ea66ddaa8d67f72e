export * from './prometheus.js';
export * from './amazon-managed-prometheus.js';
export * from './xray.js';
export * from './loki.js';
export * from './tempo.js';
export * from './mimir.js';
