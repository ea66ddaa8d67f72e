import { buildEnvironmentMain } from '@o11y/build';
import { localEnvironment } from './environment.js';

await buildEnvironmentMain(localEnvironment);
