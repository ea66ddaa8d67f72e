export * from './xray-query.js';
