import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { AwsSolutionsChecks } from "cdk-nag";
import { BUNDLE_NAMES, DEFAULT_BUNDLE_DIR } from "../lambda-bundle.js";
import { OnboardingStack, type OnboardingStackProps } from "../onboarding-stack.js";

export interface SynthesisedOnboarding {
  readonly app: App;
  readonly stack: OnboardingStack;
  readonly template: Template;
  readonly assembly: CloudAssembly;
  /** The bundles synthesised: the real ones when built, placeholders otherwise. */
  readonly bundleDir: string;
  readonly usedRealBundles: boolean;
  /** Removes the temporary output (and placeholder bundles). */
  readonly dispose: () => void;
}

/**
 * Synthesises the stack once, with cdk-nag's AwsSolutions pack registered as in `bin/app.ts`, into
 * a temporary directory. Uses the real bundles from `packages/lambda-entry/dist` when both exist,
 * else placeholder files (the assertions are about the template, not the code).
 */
export function synthOnboarding(props: Omit<OnboardingStackProps, "bundleDir"> = {}): SynthesisedOnboarding {
  const root = mkdtempSync(join(tmpdir(), "onboarding-infra-"));
  const usedRealBundles = BUNDLE_NAMES.every((name) => existsSync(join(DEFAULT_BUNDLE_DIR, `${name}.mjs`)));
  let bundleDir = DEFAULT_BUNDLE_DIR;
  if (!usedRealBundles) {
    bundleDir = join(root, "bundles");
    mkdirSync(bundleDir);
    for (const name of BUNDLE_NAMES) {
      writeFileSync(join(bundleDir, `${name}.mjs`), `export const handler = async () => "${name}";\n`);
    }
  }
  const app = new App({ outdir: join(root, "cdk.out") });
  const stack = new OnboardingStack(app, "Onboarding", { ...props, bundleDir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return {
    app,
    stack,
    template: Template.fromStack(stack),
    assembly,
    bundleDir,
    usedRealBundles,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
