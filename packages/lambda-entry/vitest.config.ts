import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Starts DynamoDB Local, s3rver and fauxqs once for the whole run (see vitest.global-setup.ts).
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 20_000,
    // The SDK's notice that Node 20 support ends in 2027 is printed once per process: not news here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    hookTimeout: 60_000,
  },
});
