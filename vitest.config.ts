import { defineConfig } from 'vitest/config';

// Runs read files in worker threads that load the readers afresh: a test that runs the pipeline takes
// seconds, more on a busy machine.
export default defineConfig({ test: { testTimeout: 60_000 } });
