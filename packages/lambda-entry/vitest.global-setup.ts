import { readFileSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { DEFAULT_RESOLVE_FROM, startLocalServers } from "../../scripts/local-servers/local-servers.mjs";
import type { LocalServerEndpoints } from "./src/test-support/local-aws.js";

/**
 * The same local servers as @onboarding/aws-adapters' tests (docs/adr/0005), started once per run
 * and handed to the tests with `inject("localServers")`. The server packages are devDependencies
 * of @onboarding/aws-adapters and are resolved from there. With ONBOARDING_LOCAL_SERVERS=<state
 * file> (from `scripts/local-servers/start.mjs --state <file>`) it reuses running servers.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stateFile = process.env.ONBOARDING_LOCAL_SERVERS;
  if (stateFile) {
    const { pid: _pid, ...endpoints } = JSON.parse(
      readFileSync(stateFile, "utf8"),
    ) as LocalServerEndpoints & {
      pid: number;
    };
    project.provide("localServers", endpoints);
    return async () => undefined;
  }
  const servers = await startLocalServers({ fromDir: DEFAULT_RESOLVE_FROM });
  project.provide("localServers", servers.endpoints);
  return () => servers.stop();
}
