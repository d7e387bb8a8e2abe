import { defineConfig } from "tsup";

export default defineConfig({
  entry: { onboard: "src/onboard.ts" },
  format: ["esm"],
  // A command, not a library: nothing imports it, so no declarations.
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
});
