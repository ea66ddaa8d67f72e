export * from './flags.js';
export * from './sample-metrics.js';
export * from './server.js';
