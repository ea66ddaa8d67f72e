export * from './amg-error.js';
export * from './amg-session.js';
export * from './workspace-version.js';
export * from './session-options-from-env.js';
export * from './amg-target.js';
