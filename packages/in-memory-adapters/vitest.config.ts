import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Property tests run hundreds of cases: CPU-bound, and slow on a loaded 2-core CI machine.
    // What they check is behaviour, not speed (speed lives in bench/), so the limit is generous.
    testTimeout: 30_000,
  },
});
