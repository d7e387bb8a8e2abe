import type { ApplicationStatus } from "../domain/application.js";
import type { ApplicationPage, Ports } from "../ports/index.js";

export const MAX_PAGE_SIZE = 100;

/**
 * Lists applications in one status, oldest first, a page at a time: with `MANUAL_REVIEW`, the
 * review queue. Ids and times only; read one application for its checks and audit trail.
 */
export async function listApplications(
  deps: Pick<Ports, "customerRepo">,
  query: { readonly status: ApplicationStatus; readonly limit?: number; readonly cursor?: string },
): Promise<ApplicationPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 25), 1), MAX_PAGE_SIZE);
  return deps.customerRepo.listByStatus({
    status: query.status,
    limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
}
