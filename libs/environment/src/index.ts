export * from './definition-error.js';
export * from './env-ref.js';
export * from './datasource.js';
export * from './dashboard.js';
export * from './environment.js';
export * from './grafana-version.js';
export * from './folders.js';
export * from './alerting-artifacts.js';
