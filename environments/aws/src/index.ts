export { awsEnvironment } from './environment.js';
