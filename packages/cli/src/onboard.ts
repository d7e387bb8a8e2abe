import { main } from "./main.js";
import { styleFor } from "./style.js";

// `onboard … | head` closes the pipe early: stop quietly rather than crash on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    style: styleFor(process.stdout.isTTY === true, process.env),
  },
  process.env,
);
