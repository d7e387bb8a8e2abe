import type { ApplicationRecord, Effect, PendingEffect } from "../domain/application.js";
import {
  ApplicationNotFoundFault,
  EffectsInFlightFault,
  isFault,
  OnboardingFault,
} from "../domain/errors.js";
import type { Ports } from "../ports/index.js";

export type OutboxDeps = Pick<Ports, "customerRepo" | "validationQueue" | "notifier" | "clock">;

export interface OutboxOptions {
  /** Who is sending: claims made by this worker. */
  readonly worker: string;
  /** How long another worker's claim is respected before its effects are sent again. */
  readonly claimLeaseMs: number;
}

/** Claims `effects` for `worker` at `at`: what a transition writes into the outbox. */
export const claimed = (effects: readonly Effect[], worker: string, at: Date): PendingEffect[] =>
  effects.map((effect) => ({ ...effect, claim: { by: worker, at: at.toISOString() } }));

/** The next version of a record, for `CustomerRepo.save`. */
export const nextVersion = (
  record: ApplicationRecord,
  changes: Partial<ApplicationRecord>,
): ApplicationRecord => ({
  ...record,
  ...changes,
  version: record.version + 1,
});

async function send(deps: OutboxDeps, record: ApplicationRecord, effect: Effect): Promise<void> {
  if (effect.kind === "NOTIFICATION") {
    await deps.notifier.notify({
      ...effect.notification,
      applicationId: record.applicationId,
      notificationId: effect.id,
      occurredAt: effect.at,
    });
    return;
  }
  if (record.applicant === undefined)
    throw new OnboardingFault(
      "ILLEGAL_TRANSITION",
      `application ${record.applicationId} has no license to validate`,
    );
  await deps.validationQueue.requestLicenseValidation({
    applicationId: record.applicationId,
    requestId: effect.id,
    licenseNumber: record.applicant.licenseNumber,
    issuingState: record.applicant.address.state,
    requestedAt: effect.at,
  });
}

/**
 * Sends what the application owes: each pending effect exactly once in the ordinary case.
 *
 * Effects this worker claimed are sent; unclaimed ones and ones whose claim lapsed are claimed
 * first with a versioned save, so of two workers only one sends. Sent effects leave the outbox
 * in one save. If another worker holds a live claim, throws a retryable `EffectsInFlightFault`
 * so the event is delivered again later rather than acknowledged with messages unsent.
 */
export async function dispatchOutbox(
  deps: OutboxDeps,
  initial: ApplicationRecord,
  options: OutboxOptions,
): Promise<ApplicationRecord> {
  let record = initial;
  for (;;) {
    if (record.outbox.length === 0) return record;
    const now = deps.clock.now();
    const lapsed = (e: PendingEffect) =>
      e.claim === undefined || now.getTime() - Date.parse(e.claim.at) >= options.claimLeaseMs;
    const toClaim = record.outbox.filter((e) => e.claim?.by !== options.worker && lapsed(e));

    if (toClaim.length > 0) {
      const claimedOutbox = record.outbox.map((e) =>
        toClaim.includes(e) ? { ...e, claim: { by: options.worker, at: now.toISOString() } } : e,
      );
      const next = nextVersion(record, { outbox: claimedOutbox });
      try {
        await deps.customerRepo.save(next);
        record = next;
      } catch (error) {
        if (!isFault(error, "VERSION_CONFLICT")) throw error;
        record = await reload(deps, record.applicationId);
      }
      continue;
    }

    const mine = record.outbox.filter((e) => e.claim?.by === options.worker);
    if (mine.length === 0) throw new EffectsInFlightFault(record.applicationId);
    const results = await Promise.allSettled(mine.map((effect) => send(deps, record, effect)));
    const sent = mine.filter((_, i) => results[i]?.status === "fulfilled");
    if (sent.length > 0) {
      const next = nextVersion(record, {
        outbox: record.outbox.filter((e) => !sent.includes(e)),
        effectsDone: [...record.effectsDone, ...sent.map((e) => e.id)],
        updatedAt: deps.clock.now().toISOString(),
      });
      try {
        await deps.customerRepo.save(next);
        record = next;
      } catch (error) {
        // Someone else saved in between: our sends stand; the reloaded record still lists them
        // under our claim, so the loop records them without sending again.
        if (!isFault(error, "VERSION_CONFLICT")) throw error;
        record = await reload(deps, record.applicationId);
        const sentIds = new Set(sent.map((e) => e.id));
        record = await markSent(deps, record, sentIds);
      }
    }
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

async function markSent(
  deps: OutboxDeps,
  initial: ApplicationRecord,
  ids: Set<string>,
): Promise<ApplicationRecord> {
  let record = initial;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (!record.outbox.some((e) => ids.has(e.id))) return record;
    const next = nextVersion(record, {
      outbox: record.outbox.filter((e) => !ids.has(e.id)),
      effectsDone: [...record.effectsDone, ...record.outbox.filter((e) => ids.has(e.id)).map((e) => e.id)],
    });
    try {
      await deps.customerRepo.save(next);
      return next;
    } catch (error) {
      if (!isFault(error, "VERSION_CONFLICT")) throw error;
      record = await reload(deps, record.applicationId);
    }
  }
  return record;
}

/** Reads an application that must exist. */
export async function reload(
  deps: Pick<Ports, "customerRepo">,
  applicationId: string,
): Promise<ApplicationRecord> {
  const record = await deps.customerRepo.get(applicationId);
  if (record === undefined) throw new ApplicationNotFoundFault(applicationId);
  return record;
}
