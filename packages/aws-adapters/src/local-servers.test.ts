import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assertJava, JAVA_HINT, startDynamoDbLocal } from "../../../scripts/local-servers/local-servers.mjs";

const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const SCRIPT = fileURLToPath(new URL("../../../scripts/local-servers/local-servers.mjs", import.meta.url));

const answers = async (endpoint: string): Promise<boolean> => {
  try {
    await (await fetch(endpoint, { signal: AbortSignal.timeout(500) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
};

const until = async (check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
};

describe("scripts/local-servers", () => {
  it("says how to install Java when it is missing", () => {
    expect(() => assertJava("/nonexistent/java")).toThrow(JAVA_HINT);
    expect(JAVA_HINT).toBe("install Java 17: apt-get install -y openjdk-17-jre-headless");
  });

  it("stops DynamoDB Local's JVM when asked", async () => {
    const server = await startDynamoDbLocal({ fromDir: PACKAGE_DIR });
    expect(await answers(server.endpoint)).toBe(true);

    await server.stop();

    expect(await until(async () => !(await answers(server.endpoint)), 5000)).toBe(true);
  });

  it("leaves no JVM behind when the process that started it is killed outright", async () => {
    const starter = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(SCRIPT)});
         const s = await m.startDynamoDbLocal({ fromDir: ${JSON.stringify(PACKAGE_DIR)} });
         console.log(s.endpoint);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      starter.stdout.setEncoding("utf8");
      starter.stdout.once("data", (line: string) => resolve(line.trim()));
      starter.once("exit", (code) => reject(new Error(`starter exited with ${code}`)));
    });
    expect(await answers(endpoint)).toBe(true);

    starter.kill("SIGKILL");

    expect(await until(async () => !(await answers(endpoint)), 5000)).toBe(true);
  });
});
