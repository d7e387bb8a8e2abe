#!/usr/bin/env node
// Starts DynamoDB Local, s3rver and fauxqs and keeps them running until this process gets
// SIGINT/SIGTERM (or its stdin closes, when started with `--until-stdin-closes`).
//
//   node scripts/local-servers/start.mjs [--state FILE] [--bucket NAME]... [--no-require-sse]
//
// Prints one line of JSON with the endpoints once every server is ready and, with --state, writes
// the same JSON (plus this process's pid) to FILE, which `stop.mjs --state FILE` reads. Test
// setups that find ONBOARDING_LOCAL_SERVERS=FILE in their environment reuse these servers.
import { rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startLocalServers } from "./local-servers.mjs";

const { values } = parseArgs({
  options: {
    state: { type: "string" },
    bucket: { type: "string", multiple: true, default: [] },
    "no-require-sse": { type: "boolean", default: false },
    "until-stdin-closes": { type: "boolean", default: false },
  },
});

const servers = await startLocalServers({ s3Buckets: values.bucket, requireSse: !values["no-require-sse"] });
const state = { pid: process.pid, ...servers.endpoints };
if (values.state) writeFileSync(values.state, `${JSON.stringify(state, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(state)}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await servers.stop();
  if (values.state) rmSync(values.state, { force: true });
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (values["until-stdin-closes"]) {
  process.stdin.resume();
  process.stdin.on("end", stop);
}
// Keep the event loop alive while the in-process servers run.
setInterval(() => undefined, 60_000);
