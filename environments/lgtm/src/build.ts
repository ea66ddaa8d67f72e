import { buildEnvironmentMain } from '@o11y/build';
import { lgtmEnvironment } from './environment.js';

await buildEnvironmentMain(lgtmEnvironment);
