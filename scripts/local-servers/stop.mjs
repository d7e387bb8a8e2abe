#!/usr/bin/env node
// Stops the servers that `start.mjs --state FILE` started: sends SIGTERM to the pid in FILE and
// waits (up to 15 s) for it to exit; start.mjs then stops DynamoDB Local's JVM and removes FILE.
//
//   node scripts/local-servers/stop.mjs --state FILE
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { state: { type: "string" } } });
if (!values.state) throw new Error("usage: stop.mjs --state FILE");
if (!existsSync(values.state)) process.exit(0);

const { pid } = JSON.parse(readFileSync(values.state, "utf8"));
const alive = () => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
if (alive()) process.kill(pid, "SIGTERM");
const deadline = Date.now() + 15_000;
while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
if (alive()) {
  process.stderr.write(`local servers (pid ${pid}) did not stop in 15 s; sending SIGKILL\n`);
  process.kill(pid, "SIGKILL");
}
