/**
 * How long each kind of data is kept, in days. KYC rules require keeping what was decided and
 * why; biometric-privacy rules require destroying face images once their purpose is served.
 *
 * Defaults, and why:
 * - `imagesDays = 30`: the license photo and the selfie are biometric data (e.g. Illinois BIPA
 *   requires destruction once the purpose is satisfied). Verification finishes within days; 30
 *   leaves time for manual review and a dispute. Applies to the uploaded zip and to the unpacked
 *   documents (S3 lifecycle on both prefixes).
 * - `piiDays = 1825` (5 years): the US Customer Identification Program rule (31 CFR 1020.220)
 *   keeps identifying information 5 years after an account is closed; for applications that
 *   never became accounts, 5 years from the decision is the conservative reading. After it,
 *   `eraseApplication` removes the applicant's fields and the reviewer's comment.
 * - `decisionRecordsDays = 2555` (7 years): the PII-free record of the decision, its checks,
 *   scores and audit trail — what examiners ask for; 7 years covers the longest common
 *   record-keeping horizons (BSA 5 years, many banks' policies 7). DynamoDB TTL deletes it.
 *
 * These are defaults, not legal advice: set them to your institution's retention schedule.
 */
export interface RetentionPolicy {
  readonly imagesDays: number;
  readonly piiDays: number;
  readonly decisionRecordsDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  imagesDays: 30,
  piiDays: 1825,
  decisionRecordsDays: 2555,
};
