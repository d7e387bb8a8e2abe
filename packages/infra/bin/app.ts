/**
 * Synthesises the stack into `cdk.out/` offline: no CDK CLI, no AWS credentials, no account
 * lookups. cdk-nag's AwsSolutions pack runs during synthesis and fails it on any finding that is
 * not acknowledged in the stack. Run with `pnpm synth` at the root (which builds the bundles first).
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { OnboardingStack, type ReviewApiAuth } from "../src/onboarding-stack.js";

const app = new App({ outdir: "cdk.out" });
const licenseValidationApiUrl: unknown = app.node.tryGetContext("licenseValidationApiUrl");
/** `-c reviewerPrincipals=arn:…:role/a,arn:…:role/b` (the CDK CLI's context), or none. */
const principals = (name: string): { [key: string]: string[] } => {
  const value: unknown = app.node.tryGetContext(name);
  return typeof value === "string" && value.trim() !== ""
    ? { [name]: value.split(",").map((arn) => arn.trim()) }
    : {};
};
/**
 * `-c 'reviewApiAuth={"kind":"jwt","issuer":"https://…","audience":["…"],"reviewerGroups":["…"],…}'`
 * (JSON on the command line, or an object in cdk.json), checked by the stack; default IAM.
 */
const reviewApiAuth = (): { reviewApiAuth?: ReviewApiAuth } => {
  const value: unknown = app.node.tryGetContext("reviewApiAuth");
  if (value === undefined || value === "") return {};
  return { reviewApiAuth: (typeof value === "string" ? JSON.parse(value) : value) as ReviewApiAuth };
};
new OnboardingStack(app, "Onboarding", {
  description: "@onboarding: bank customer onboarding (KYC) on AWS serverless",
  ...(typeof licenseValidationApiUrl === "string" ? { licenseValidationApiUrl } : {}),
  ...principals("reviewerPrincipals"),
  ...principals("dataProtectionOfficerPrincipals"),
  ...reviewApiAuth(),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const assembly = app.synth();
for (const stack of assembly.stacks) console.log(`synthesised ${stack.templateFullPath}`);
