import { buildEnvironmentMain } from '@o11y/artifacts';

await buildEnvironmentMain(new URL('./environment.ts', import.meta.url).pathname);
