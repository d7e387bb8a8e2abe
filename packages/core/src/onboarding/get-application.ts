import { type ApplicationView, toView } from "../domain/application.js";
import type { Ports } from "../ports/index.js";

/** The application's status, checks, reasons and audit trail, without PII; `undefined` if unknown. */
export async function getApplication(
  deps: Pick<Ports, "customerRepo">,
  applicationId: string,
): Promise<ApplicationView | undefined> {
  const record = await deps.customerRepo.get(applicationId);
  return record === undefined ? undefined : toView(record);
}
