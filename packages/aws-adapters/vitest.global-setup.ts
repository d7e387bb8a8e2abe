import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { provideLocalServers } from "../../scripts/local-servers/local-servers.mjs";

/**
 * Starts the local servers once per test run and hands their endpoints to the tests through
 * `inject("localServers")`. With ONBOARDING_LOCAL_SERVERS=<state file> (written by
 * `scripts/local-servers/start.mjs --state <file>`) it reuses servers that are already running.
 */
export default (project: TestProject) =>
  provideLocalServers(project, { fromDir: fileURLToPath(new URL(".", import.meta.url)) });
