import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { startLocalServers } from "../../scripts/local-servers/local-servers.mjs";
import type { LocalServerEndpoints } from "./src/test-support/local-servers.js";

/**
 * Starts the local servers once per test run and hands their endpoints to the tests through
 * `inject("localServers")`. With ONBOARDING_LOCAL_SERVERS=<state file> (written by
 * `scripts/local-servers/start.mjs --state <file>`) it reuses servers that are already running.
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
  const servers = await startLocalServers({ fromDir: fileURLToPath(new URL(".", import.meta.url)) });
  project.provide("localServers", servers.endpoints);
  return () => servers.stop();
}
