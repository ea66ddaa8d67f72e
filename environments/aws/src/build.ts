import { buildEnvironmentMain } from '@o11y/build';

await buildEnvironmentMain(new URL('./environment.ts', import.meta.url).pathname);
