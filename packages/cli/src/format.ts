import type { AuditReport, Report } from "./report.js";
import type { Style } from "./style.js";
import { table } from "./table.js";

const outcomeStyle = (style: Style, outcome: string): string =>
  ["PASS", "MATCH", "APPROVED"].includes(outcome)
    ? style.good(outcome)
    : ["FAIL", "MISMATCH", "REJECTED", "INVALID_SUBMISSION"].includes(outcome)
      ? style.bad(outcome)
      : style.warn(outcome);

const entries = (record: Readonly<Record<string, string | number | boolean>> | undefined): string[] =>
  Object.entries(record ?? {}).map(([k, v]) => `${k}=${v}`);

/** Scores, thresholds and details on lines of their own, so the table stays readable. */
const auditDetail = (entry: AuditReport): string =>
  [
    entry.scores && `scores ${entries(entry.scores).join(" ")}`,
    entry.thresholds && `thresholds ${entries(entry.thresholds).join(" ")}`,
    ...entries(entry.detail),
  ]
    .filter((line): line is string => typeof line === "string" && line !== "")
    .join("\n");

/** The readable summary of one application: status, reasons, checks, notifications, audit trail. */
export function formatReport(report: Report, style: Style): string[] {
  const lines: string[] = [];
  lines.push(
    `${style.bold("Application")} ${report.applicationId}: ${style.bold(outcomeStyle(style, report.status))}`,
  );

  lines.push("", style.bold("Reasons"));
  if (report.reasons.length === 0) lines.push("  (none)");
  else
    lines.push(
      ...table(
        ["CODE", "FIELD", "MESSAGE"],
        report.reasons.map((r) => [r.code, r.field ?? "", r.message]),
      ),
    );

  lines.push("", style.bold("Checks"));
  const { faceMatch, identity, licenseValidation } = report.checks;
  const checkRows: string[][] = [];
  if (faceMatch)
    checkRows.push([
      "face match",
      outcomeStyle(style, faceMatch.outcome),
      faceMatch.reason,
      [
        `engine ${faceMatch.engine}`,
        ...(faceMatch.similarity === undefined ? [] : [`similarity ${faceMatch.similarity}`]),
        ...(faceMatch.faces === undefined
          ? []
          : [`faces ${faceMatch.faces.license}/${faceMatch.faces.selfie}`]),
        `bands pass ≥ ${faceMatch.bands.pass}, review ≥ ${faceMatch.bands.review}`,
      ].join("; "),
    ]);
  if (identity)
    checkRows.push([
      "identity",
      outcomeStyle(style, identity.outcome),
      identity.reason,
      [
        `engine ${identity.engine}`,
        ...(identity.modelVersion === undefined ? [] : [`model ${identity.modelVersion}`]),
        ...(identity.match === undefined ? [] : [`comparison ${identity.match}`]),
        ...(identity.bands === undefined
          ? []
          : [`field bands match ≥ ${identity.bands.match}, review ≥ ${identity.bands.review}`]),
      ].join("; "),
    ]);
  if (licenseValidation)
    checkRows.push([
      "license validation",
      outcomeStyle(style, licenseValidation.outcome),
      licenseValidation.reason,
      [
        `provider ${licenseValidation.provider}`,
        ...(licenseValidation.providerReason === undefined
          ? []
          : [`answer ${licenseValidation.providerReason}`]),
        ...(licenseValidation.reference === undefined ? [] : [`ref ${licenseValidation.reference}`]),
      ].join("; "),
    ]);
  if (checkRows.length === 0) lines.push("  (none run)");
  else lines.push(...table(["CHECK", "OUTCOME", "REASON", "DETAIL"], checkRows));

  if (identity?.fields && identity.fields.length > 0) {
    lines.push("", style.bold("Identity fields"));
    lines.push(
      ...table(
        ["FIELD", "SCORE", "OUTCOME", "EXPLANATION"],
        identity.fields.map((f) => [f.field, String(f.score), outcomeStyle(style, f.outcome), f.explanation]),
      ),
    );
  }

  lines.push("", style.bold("Notifications"));
  if (report.notifications.length === 0) lines.push("  (none)");
  else
    lines.push(
      ...table(
        ["TYPE", "CHECK / STATUS", "OUTCOME", "REASONS", "ID"],
        report.notifications.map((n) => [
          n.type,
          n.check ?? n.status ?? "",
          n.outcome ?? "",
          n.reasons.join(", "),
          n.notificationId.slice(n.notificationId.indexOf(":") + 1),
        ]),
      ),
    );

  lines.push("", style.bold("Audit trail"));
  lines.push(
    ...table(
      ["AT", "STEP", "TRANSITION", "OUTCOME", "DETAIL"],
      report.audit.map((e) => [
        e.at,
        e.step,
        e.from === undefined ? `→ ${e.to ?? ""}` : `${e.from} → ${e.to ?? ""}`,
        e.outcome,
        auditDetail(e),
      ]),
    ),
  );
  return lines;
}
