export * from './canonical-json.js';
export * from './validate/environment.js';
export * from './build-environment.js';
export * from './replace-folder.js';
export * from './write-artifacts.js';
export * from './workspace.js';
export * from './load-environment.js';
