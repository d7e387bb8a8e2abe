// Bundles each Lambda handler into one ESM file: dist/<handler>.mjs, with its esbuild metafile
// next to it (dist/meta-<handler>.json) to see what each bundle holds. See docs/adr/0006 and 0013.
//
//   node scripts/build.mjs [--outdir DIR]
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { BUNDLE_SETTINGS, lambdaCredentials, treeShakeableSdkSchemas } from "./bundling.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { outdir: { type: "string" } } });
const dist = values.outdir ? resolve(values.outdir) : join(root, "dist");
const HANDLERS = ["intake", "license-validation-worker", "review-api", "retention-job"];

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

for (const name of HANDLERS) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, "src/handlers", `${name}.ts`)],
    outfile: join(dist, `${name}.mjs`),
    ...BUNDLE_SETTINGS,
    // Everything is bundled, the AWS SDK included: the function does not depend on the version
    // the Lambda runtime happens to ship.
    external: [],
    sourcemap: "external",
    legalComments: "none",
    metafile: true,
    plugins: [treeShakeableSdkSchemas, lambdaCredentials],
    logLevel: "warning",
  });
  writeFileSync(join(dist, `meta-${name}.json`), JSON.stringify(result.metafile));
  const output = result.metafile.outputs[relative(root, join(dist, `${name}.mjs`))];
  process.stdout.write(
    `${relative(root, dist)}/${name}.mjs  ${((output?.bytes ?? 0) / 1000).toFixed(0)} KB\n`,
  );
}
