import { projectTestConfig } from '../../vitest.shared.js';

// Compiling the vendored CRD schemas (400 KB each) takes seconds on a loaded 2-core machine.
export default projectTestConfig(import.meta.dirname, { testTimeout: 30_000 });
