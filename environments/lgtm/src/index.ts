export { lgtmEnvironment } from './environment.js';
