import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // The SDK clients are peer dependencies: the application (or the Lambda bundle) brings them.
  external: [/^@aws-sdk\//, /^@smithy\//, "@onboarding/core", "zod"],
});
