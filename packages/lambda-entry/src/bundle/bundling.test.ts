import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { literalTraitKeys, treeShakeableSdkSchemas } from "../../scripts/bundling.mjs";

describe("literalTraitKeys", () => {
  it("turns computed keys naming a string constant into the literal they name", () => {
    const source = [
      'const _e = "error";',
      'const _c = "client";',
      'const _hH = "httpHeader";',
      'const _q = "say \\"hi\\"";',
      "export var A$ = [-3, n0, _A, { [_e]: _c, [_hH]: 400 }, [], []];",
      "export var B$ = [3, n0, _B, 0, [_P], [[0, {\n    [_q]: 1 }]]];",
    ].join("\n");

    expect(literalTraitKeys(source)).toBe(
      [
        'const _e = "error";',
        'const _c = "client";',
        'const _hH = "httpHeader";',
        'const _q = "say \\"hi\\"";',
        'export var A$ = [-3, n0, _A, { "error": _c, "httpHeader": 400 }, [], []];',
        'export var B$ = [3, n0, _B, 0, [_P], [[0, {\n    "say \\"hi\\"": 1 }]]];',
      ].join("\n"),
    );
  });

  it("leaves computed keys it cannot resolve, and array elements, as they are", () => {
    const source = ['let _v = "mutable";', "const x = { [_v]: 1, [_unknown]: 2 };", "const y = [_v];"].join(
      "\n",
    );

    expect(literalTraitKeys(source)).toBe(source);
  });
});

/**
 * The rewrite on the SDK's real schema modules, for every client the bundles use: each module is
 * bundled twice, as published and rewritten, and the two are imported and compared export by
 * export, following the lazy references (`() => Shape$`) between schemas.
 */
describe("the rewritten SDK schema modules", () => {
  const outdir = mkdtempSync(join(tmpdir(), "schema-keys-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const require = createRequire(import.meta.url);
  const clients = Object.keys(packageJson.dependencies).filter((name) => name.startsWith("@aws-sdk/client-"));
  const modules = clients.flatMap((client) => {
    const schemas = join(dirname(require.resolve(`${client}/package.json`)), "dist-es/schemas");
    return readdirSync(schemas)
      .filter((file) => /^schemas_\d+\.js$/.test(file))
      .map((file) => ({ client, path: join(schemas, file) }));
  });

  const bundle = async (path: string, name: string, rewritten: boolean) => {
    const outfile = join(outdir, `${name}-${rewritten ? "rewritten" : "published"}.mjs`);
    writeFileSync(`${outfile}.entry.mjs`, `export * from ${JSON.stringify(path)};\n`);
    await build({
      entryPoints: [`${outfile}.entry.mjs`],
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      mainFields: ["module", "main"],
      plugins: rewritten ? [treeShakeableSdkSchemas] : [],
      logLevel: "error",
    });
    return (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
  };

  it("covers every client the bundles use", () => {
    expect(clients.length).toBeGreaterThanOrEqual(7);
    expect(modules.length).toBeGreaterThanOrEqual(clients.length);
  });

  it.each(modules)("$client: $path holds the same schemas once rewritten", async ({ client, path }) => {
    const name = `${client.replace(/\W/g, "_")}-${path.replace(/\W/g, "_").slice(-20)}`;
    const [published, rewritten] = await Promise.all([bundle(path, name, false), bundle(path, name, true)]);

    expect(Object.keys(rewritten).sort()).toEqual(Object.keys(published).sort());
    for (const key of Object.keys(published)) {
      expect(shape(rewritten[key]), key).toEqual(shape(published[key]));
    }
  });
});

/**
 * A schema as plain data: arrays and objects as they are, lazy references followed (once per
 * schema, by position, so that recursive shapes terminate), classes by name.
 */
function shape(value: unknown, seen = new Map<unknown, string>(), at = "$"): unknown {
  if (typeof value === "function") {
    if (/^class\b/.test(Function.prototype.toString.call(value))) return `class ${value.name}`;
    return value.length === 0 ? { lazy: shape((value as () => unknown)(), seen, `${at}()`) } : "function";
  }
  if (value === null || typeof value !== "object") return value;
  const first = seen.get(value);
  if (first !== undefined) return { ref: first };
  seen.set(value, at);
  if (Array.isArray(value)) return value.map((item, i) => shape(item, seen, `${at}[${i}]`));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, seen, `${at}.${k}`)]));
}
