import { defineConfig } from 'vitest/config';

// Tests read real files, run the CLI and drive chromium; on a busy two-core machine (CI shares it) that can
// take many times longer than on a quiet one. Speed is measured by `npm run bench`, not by time-outs.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
