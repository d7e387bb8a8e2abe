import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Builds the command once so the child-process tests run what users run.
    globalSetup: ["./test/build-once.ts"],
    testTimeout: 30_000,
  },
});
