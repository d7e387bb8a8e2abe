// Bundles each Lambda handler into one ESM file: dist/<handler>.mjs, with its esbuild metafile
// next to it (dist/meta-<handler>.json) to see what each bundle holds. See docs/adr/0006.
//
//   node scripts/build.mjs [--outdir DIR]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { lambdaCredentials, treeShakeableSdkSchemas } from "./esbuild-plugins.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { outdir: { type: "string" } } });
const dist = values.outdir ? resolve(values.outdir) : join(root, "dist");
const HANDLERS = ["intake", "license-validation-worker", "review-api", "retention-job"];

/**
 * `import { z } from "zod"` binds zod's namespace object as a value, and esbuild then keeps every
 * export behind it, including ~260 KB of error-message locales nobody uses; `import * as z from
 * "zod"` is the same object to the code (zod's index re-exports `z`'s members) but lets esbuild
 * keep only the members that are used. Core, the adapters and Powertools' parser all use the
 * former, so it is rewritten on load.
 */
const NAMED_Z = /import\s*\{\s*z\s*\}\s*from\s*(["'])zod\1/g;
const zodNamespaceImport = {
  name: "zod-namespace-import",
  setup(build) {
    build.onLoad({ filter: /\.(m?js|ts)$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!NAMED_Z.test(source)) return undefined;
      return {
        contents: source.replace(NAMED_Z, 'import * as z from "zod"'),
        loader: args.path.endsWith(".ts") ? "ts" : "js",
        resolveDir: dirname(args.path),
      };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

for (const name of HANDLERS) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, "src/handlers", `${name}.ts`)],
    outfile: join(dist, `${name}.mjs`),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minify: true,
    // The SDK's ES-module builds: smaller, and they load in about half the time of its CJS ones.
    mainFields: ["module", "main"],
    // Everything is bundled, the AWS SDK included: the function does not depend on the version
    // the Lambda runtime happens to ship.
    external: [],
    sourcemap: "external",
    legalComments: "none",
    metafile: true,
    plugins: [zodNamespaceImport, treeShakeableSdkSchemas, lambdaCredentials],
    logLevel: "warning",
  });
  writeFileSync(join(dist, `meta-${name}.json`), JSON.stringify(result.metafile));
  const output = result.metafile.outputs[relative(root, join(dist, `${name}.mjs`))];
  process.stdout.write(
    `${relative(root, dist)}/${name}.mjs  ${((output?.bytes ?? 0) / 1000).toFixed(0)} KB\n`,
  );
}
