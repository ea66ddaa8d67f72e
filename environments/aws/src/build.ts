import { buildEnvironmentMain } from '@o11y/build';
import { awsEnvironment } from './environment.js';

await buildEnvironmentMain(awsEnvironment);
