import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The face model and the OCR worker load once per file; a file of model tests takes seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
