import { fromEnv } from "@aws-sdk/credential-provider-env";
import { fromHttp } from "@aws-sdk/credential-provider-http";

type FromEnvInit = NonNullable<Parameters<typeof fromEnv>[0]>;
type CredentialProvider = ReturnType<typeof fromEnv>;

/**
 * What the bundles use instead of the SDK's default credential chain
 * (`@aws-sdk/credential-provider-node`), which `scripts/build.mjs` aliases to this module.
 *
 * Lambda hands a function its role's credentials in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`
 * and `AWS_SESSION_TOKEN`; the default chain would also bundle shared config files, SSO, web
 * identity, process credentials and instance metadata, with the STS/SSO clients they call:
 * ≈ 106 KB of every bundle and ≈ 12 ms of every cold start for code that never runs in Lambda
 * (docs/adr/0013-lambda-bundle-size.md). A container credentials endpoint
 * (`AWS_CONTAINER_CREDENTIALS_FULL_URI` / `…_RELATIVE_URI`) is honoured too, for runtimes that
 * serve the role's credentials that way.
 *
 * Same signature as the chain it stands for: the SDK calls it once per client with the client's
 * configuration.
 */
export const defaultProvider =
  (init: FromEnvInit = {}): CredentialProvider =>
  async () => {
    const env = process.env;
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      return fromEnv(init)();
    }
    if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
      return fromHttp(init)();
    }
    throw new Error(MISSING_CREDENTIALS);
  };

/** Says which variables to set, and why a profile or SSO session is not enough. */
export const MISSING_CREDENTIALS =
  "no AWS credentials: this bundle reads them only from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY " +
  "(and AWS_SESSION_TOKEN), as Lambda sets them, or from a container credentials endpoint " +
  "(AWS_CONTAINER_CREDENTIALS_FULL_URI); shared config profiles, SSO and instance metadata are not " +
  "bundled (docs/adr/0013-lambda-bundle-size.md)";
