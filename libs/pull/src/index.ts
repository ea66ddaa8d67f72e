export * from './builder-hints.js';
export * from './dashboard-source.js';
export * from './live-model.js';
export * from './pull.js';
export * from './pull-diff.js';
