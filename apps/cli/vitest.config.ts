import { projectTestConfig } from '../../vitest.shared.js';

// The end-to-end tests spawn the CLI (tsx) and stand-in servers; on a loaded 2-core machine a
// single test can take minutes. Deadlines inside the tests still bound every wait.
export default projectTestConfig(import.meta.dirname, { testTimeout: 180_000, hookTimeout: 180_000 });
