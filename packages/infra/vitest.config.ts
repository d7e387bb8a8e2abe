import { defineConfig } from "vitest/config";

export default defineConfig({
  // Synthesis with asset staging and cdk-nag takes a few seconds per app.
  test: { include: ["src/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
});
