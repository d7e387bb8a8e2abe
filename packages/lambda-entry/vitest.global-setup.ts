import type { TestProject } from "vitest/node";
import { DEFAULT_RESOLVE_FROM, provideLocalServers } from "../../scripts/local-servers/local-servers.mjs";

/**
 * The same local servers as @onboarding/aws-adapters' tests (docs/adr/0005), started once per run
 * and handed to the tests with `inject("localServers")`. The server packages are devDependencies
 * of @onboarding/aws-adapters and are resolved from there. With ONBOARDING_LOCAL_SERVERS=<state
 * file> (from `scripts/local-servers/start.mjs --state <file>`) it reuses running servers.
 */
export default (project: TestProject) => provideLocalServers(project, { fromDir: DEFAULT_RESOLVE_FROM });
