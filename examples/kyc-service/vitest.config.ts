import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The service test starts DynamoDB Local (Java), s3rver and fauxqs itself.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
