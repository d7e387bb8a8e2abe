import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { defaultProvider, MISSING_CREDENTIALS } from "./lambda-credentials.js";

const VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_PROFILE",
] as const;

describe("the bundles' credential provider", () => {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  const only = (values: Partial<Record<(typeof VARIABLES)[number], string>>) => {
    for (const name of VARIABLES) delete process.env[name];
    Object.assign(process.env, values);
  };

  it("reads the role's credentials from the variables Lambda sets", async () => {
    only({
      AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "token",
    });

    await expect(defaultProvider()()).resolves.toMatchObject({
      accessKeyId: "ASIAEXAMPLE",
      secretAccessKey: "secret",
      sessionToken: "token",
    });
  });

  it("reads them from a container credentials endpoint when that is what the runtime offers", async () => {
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    const server = createServer((request, response) => {
      response.writeHead(request.headers.authorization === "container-token" ? 200 : 403, {
        "content-type": "application/json",
      });
      response.end(
        JSON.stringify({
          AccessKeyId: "ASIACONTAINER",
          SecretAccessKey: "container-secret",
          Token: "container-session",
          Expiration: expiration,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      only({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(server.address() as AddressInfo).port}/creds`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "container-token",
      });

      await expect(defaultProvider()()).resolves.toMatchObject({
        accessKeyId: "ASIACONTAINER",
        secretAccessKey: "container-secret",
        sessionToken: "container-session",
        expiration: new Date(expiration),
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("says which variables to set when there are none, rather than trying a profile", async () => {
    only({ AWS_PROFILE: "developer" });

    await expect(defaultProvider()()).rejects.toThrow(MISSING_CREDENTIALS);
    expect(MISSING_CREDENTIALS).toContain("AWS_ACCESS_KEY_ID");
  });

  it("is what the SDK clients of a bundle sign with", async () => {
    only({ AWS_ACCESS_KEY_ID: "ASIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" });
    const { SQSClient } = await import("@aws-sdk/client-sqs");
    const client = new SQSClient({ region: "eu-west-1", credentialDefaultProvider: defaultProvider });

    await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: "ASIAEXAMPLE" });
  });
});
