import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    environment: 'node',
    // An office's accounts cost a few scrypt hashes at N = 2^17 each (docs/security.md "Sign-in"): 5–10 s of a test's set-up on a
    // quiet machine, past 30 s on a loaded 2-core one.
    testTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker less than the CPUs: one on the 2-CPU machines CI runs on. The tests wait on scrypt,
    // child processes and worker threads as much as on the CPU: the whole suite took 813 s with one worker, 557 s with two.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
