import {
  type ApplicationView,
  DEFAULT_COMPARE_IDENTITY_OPTIONS,
  type FaceCheck,
  type IdentityCheck,
  type LicenseValidationCheck,
  type Notification,
} from "@onboarding/core";
import type { SubmissionRun } from "./runtime.js";

/**
 * What `onboard process --json` prints. Built field by field from the PII-free view (never by
 * spreading a record), so a field added to the core later cannot leak into the output unseen.
 */
export interface Report {
  readonly applicationId: string;
  readonly status: ApplicationView["status"];
  readonly reasons: readonly { readonly code: string; readonly message: string; readonly field?: string }[];
  readonly checks: {
    readonly faceMatch?: FaceCheckReport;
    readonly identity?: IdentityCheckReport;
    readonly licenseValidation?: LicenseValidationReport;
  };
  readonly notifications: readonly NotificationReport[];
  readonly audit: readonly AuditReport[];
}

export interface FaceCheckReport {
  readonly outcome: string;
  readonly reason: string;
  readonly engine: string;
  readonly similarity?: number;
  readonly faces?: { readonly license: number; readonly selfie: number };
  readonly bands: { readonly pass: number; readonly review: number };
  readonly checkedAt: string;
}

export interface IdentityCheckReport {
  readonly outcome: string;
  readonly reason: string;
  readonly engine: string;
  readonly modelVersion?: string;
  readonly match?: string;
  /** The per-field bands: `>= match` matches, `>= review` goes to review (the defaults, which the CLI runs with). */
  readonly bands?: { readonly match: number; readonly review: number };
  /** Per field: score 0–100 and outcome. Field names and scores only, never the values read. */
  readonly fields?: readonly {
    readonly field: string;
    readonly score: number;
    readonly outcome: string;
    readonly explanation: string;
  }[];
  readonly checkedAt: string;
}

export interface LicenseValidationReport {
  readonly outcome: string;
  readonly reason: string;
  readonly provider: string;
  readonly providerReason?: string;
  readonly reference?: string;
  readonly checkedAt: string;
}

export interface NotificationReport {
  readonly notificationId: string;
  readonly type: Notification["type"];
  readonly check?: string;
  readonly status?: string;
  readonly outcome?: string;
  readonly reasons: readonly string[];
  readonly occurredAt: string;
}

export interface AuditReport {
  readonly at: string;
  readonly step: string;
  readonly from?: string;
  readonly to?: string;
  readonly outcome: string;
  readonly scores?: Readonly<Record<string, number>>;
  readonly thresholds?: Readonly<Record<string, number>>;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** `{ key: value }` when the value is defined, `{}` otherwise (for `exactOptionalPropertyTypes`). */
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const faceReport = (c: FaceCheck): FaceCheckReport => ({
  outcome: c.outcome,
  reason: c.reason,
  engine: c.engine,
  ...opt("similarity", c.similarity),
  ...opt("faces", c.faces && { license: c.faces.license, selfie: c.faces.selfie }),
  bands: { pass: c.bands.pass, review: c.bands.review },
  checkedAt: c.checkedAt,
});

const identityReport = (c: IdentityCheck): IdentityCheckReport => ({
  outcome: c.outcome,
  reason: c.reason,
  engine: c.engine,
  ...opt("modelVersion", c.modelVersion),
  ...opt("match", c.comparison?.outcome),
  // The check does not record the bands it was judged with; the CLI always runs compareIdentity
  // with its defaults, so those are the ones that applied.
  ...opt("bands", c.comparison && { ...DEFAULT_COMPARE_IDENTITY_OPTIONS.bands }),
  ...opt(
    "fields",
    c.comparison?.fields.map((f) => ({
      field: f.field,
      score: f.score,
      outcome: f.outcome,
      explanation: f.explanation,
    })),
  ),
  checkedAt: c.checkedAt,
});

const licenseReport = (c: LicenseValidationCheck): LicenseValidationReport => ({
  outcome: c.outcome,
  reason: c.reason,
  provider: c.provider,
  ...opt("providerReason", c.providerReason),
  ...opt("reference", c.reference),
  checkedAt: c.checkedAt,
});

const notificationReport = (n: Notification): NotificationReport => ({
  notificationId: n.notificationId,
  type: n.type,
  ...(n.type === "VALIDATION_COMPLETED" ? { check: n.check, outcome: n.outcome } : { status: n.status }),
  reasons: [...n.reasons],
  occurredAt: n.occurredAt,
});

export function toReport(run: SubmissionRun): Report {
  const { view } = run;
  const checks = view.checks;
  return {
    applicationId: view.applicationId,
    status: view.status,
    reasons: view.reasons.map((r) => ({ code: r.code, message: r.message, ...opt("field", r.field) })),
    checks: {
      ...opt("faceMatch", checks.faceMatch && faceReport(checks.faceMatch)),
      ...opt("identity", checks.identity && identityReport(checks.identity)),
      ...opt("licenseValidation", checks.licenseValidation && licenseReport(checks.licenseValidation)),
    },
    notifications: run.notifications.map(notificationReport),
    audit: view.audit.map((e) => ({
      at: e.at,
      step: e.step,
      ...opt("from", e.from),
      ...opt("to", e.to),
      outcome: e.outcome,
      ...opt("scores", e.scores && { ...e.scores }),
      ...opt("thresholds", e.thresholds && { ...e.thresholds }),
      ...opt("detail", e.detail && { ...e.detail }),
    })),
  };
}
