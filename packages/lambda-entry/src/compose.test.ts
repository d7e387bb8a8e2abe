import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { readCustomerRefKey } from "./compose.js";

const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:onboarding-customer-ref-key-AbCdEf";
const KEY = "k".repeat(64);

describe("readCustomerRefKey", () => {
  it("reads the key from the secret once, by its ARN", async () => {
    const client = new SecretsManagerClient({ region: "eu-west-1" });
    // Shaped like the documented GetSecretValue response.
    const mock = mockClient(client)
      .on(GetSecretValueCommand)
      .resolves({
        ARN,
        Name: "onboarding-customer-ref-key",
        VersionId: "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
        SecretString: KEY,
        VersionStages: ["AWSCURRENT"],
        CreatedDate: new Date("2026-01-01T00:00:00Z"),
      });

    await expect(readCustomerRefKey({ kind: "secret", secretArn: ARN }, client)).resolves.toBe(KEY);
    expect(mock.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([{ SecretId: ARN }]);
  });

  it("takes the key from the environment without building a client", async () => {
    const key = "local-only-customer-reference-key-0123456789";
    await expect(
      readCustomerRefKey({ kind: "environment", key }, () => {
        throw new Error("no client expected");
      }),
    ).resolves.toBe(key);
  });

  it("fails with a retryable fault naming the variable, not the secret, when Secrets Manager refuses", async () => {
    const client = new SecretsManagerClient({ region: "eu-west-1" });
    mockClient(client)
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException" }));

    await expect(readCustomerRefKey({ kind: "secret", secretArn: ARN }, client)).rejects.toMatchObject({
      code: "DEPENDENCY_UNAVAILABLE",
      retryable: true,
      message: expect.stringContaining("CUSTOMER_REF_KEY_SECRET_ARN (AccessDeniedException)"),
    });
  });

  it("refuses a secret that is missing or too short, without quoting it", async () => {
    const client = new SecretsManagerClient({ region: "eu-west-1" });
    mockClient(client).on(GetSecretValueCommand).resolves({ ARN, SecretString: "short-key" });

    const error = await readCustomerRefKey({ kind: "secret", secretArn: ARN }, client).catch((e: Error) => e);

    expect(error).toMatchObject({ code: "CONFIGURATION_INVALID" });
    expect((error as Error).message).not.toContain("short-key");
  });
});
