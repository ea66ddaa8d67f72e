export { localEnvironment } from './environment.js';
