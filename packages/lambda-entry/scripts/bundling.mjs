// How the Lambda bundles are built (scripts/build.mjs; bench/bundles builds its reference with the
// same settings): esbuild's settings, and plugins each cutting what the bundles would carry for
// nothing. Measured effect and reasons: docs/adr/0006-lambda-entry.md, docs/adr/0013-lambda-bundle-size.md.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * One ESM file, minified, for Lambda's Node 20 runtime, resolving the SDK's ES-module builds
 * (`module` before `main`): smaller, and they load in about half the time of its CJS ones.
 */
export const BUNDLE_SETTINGS = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  mainFields: ["module", "main"],
};

/** `const _e = "error";` — the string table the SDK's generated schema modules start with. */
const STRING_CONSTANT = /^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm;
/** `{ [_e]: _c, [_hE]: 400 }` — a computed key at the start of an object literal or after a comma. */
const COMPUTED_KEY = /([{,]\s*)\[(_\w+)\]:/g;

/**
 * Rewrites the computed trait keys of an AWS SDK schema module (`{ [_e]: _c }`) to the string
 * literals they stand for (`{ "error": _c }`). Same objects; but esbuild counts a computed key as a
 * possible side effect (it could call `toString`) and so keeps every schema of the service, used
 * or not (aws/aws-sdk-js-v3#7607; the generator's own fix is smithy-lang/smithy-typescript#1889).
 * Only keys naming a string constant of the same module are rewritten; anything else is left.
 *
 * @param {string} source
 * @returns {string}
 */
export function literalTraitKeys(source) {
  const strings = new Map([...source.matchAll(STRING_CONSTANT)].map((m) => [m[1], m[2]]));
  return source.replace(COMPUTED_KEY, (match, lead, name) => {
    const literal = strings.get(name);
    return literal === undefined ? match : `${lead}${literal}:`;
  });
}

/** The SDK's generated schema modules: `@aws-sdk/<client>/dist-es/**\/schemas/schemas_<n>.js`. */
const SDK_SCHEMA_MODULE =
  /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.+[\\/])?schemas[\\/]schemas_\d+\.js$/;

/** Lets esbuild drop the schemas of operations a bundle never calls; see `literalTraitKeys`. */
export const treeShakeableSdkSchemas = {
  name: "tree-shakeable-sdk-schemas",
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMA_MODULE }, (args) => ({
      contents: literalTraitKeys(readFileSync(args.path, "utf8")),
      loader: "js",
      resolveDir: dirname(args.path),
    }));
  },
};

const LAMBDA_CREDENTIALS = join(
  dirname(fileURLToPath(import.meta.url)),
  "../src/bundle/lambda-credentials.ts",
);

/**
 * Resolves the SDK's default credential chain to `src/bundle/lambda-credentials.ts`: credentials
 * from the environment (as Lambda provides them) or a container endpoint, without the shared-file,
 * SSO, web-identity and instance-metadata providers and the STS/SSO clients they bundle.
 */
export const lambdaCredentials = {
  name: "lambda-credentials",
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: LAMBDA_CREDENTIALS }));
  },
};
