/**
 * A separate process for the cross-process test: appends `count` entries to one application's
 * `effectsDone`, each a read, then a conditional save, re-read and retried on a version conflict.
 * Usage: `node --import tsx concurrent-writer.ts <dir> <applicationId> <label> <count> [<startAtMs>]`;
 * both processes wait for the same `startAtMs`, so their loops overlap whatever their start-up time.
 */
import { isFault } from "@onboarding/core";
import { FileCustomerRepo } from "./file-customer-repo.js";

const [dir, applicationId, label, count, startAt] = process.argv.slice(2);
if (dir === undefined || applicationId === undefined || label === undefined || count === undefined)
  throw new Error("usage: concurrent-writer <dir> <applicationId> <label> <count>");
const repo = new FileCustomerRepo({ dir });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt ?? 0) - Date.now())));
let conflicts = 0;
for (let i = 0; i < Number(count); i += 1) {
  for (;;) {
    const record = await repo.get(applicationId);
    if (record === undefined) throw new Error("application missing");
    try {
      await repo.save({
        ...record,
        version: record.version + 1,
        effectsDone: [...record.effectsDone, `${label}-${i}`],
      });
      break;
    } catch (error) {
      if (!isFault(error, "VERSION_CONFLICT")) throw error;
      conflicts += 1;
    }
  }
}
process.stdout.write(JSON.stringify({ conflicts }));
