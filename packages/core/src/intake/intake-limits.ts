/**
 * Caps applied while reading an upload. Every cap is enforced on what intake actually reads or
 * inflates, never on what the archive declares. See the package README, "Intake limits", for why
 * each default has its value.
 */
export interface IntakeLimits {
  /** Largest upload accepted, in bytes. Checked before reading; callers also use it to refuse a stored object from its size alone. */
  readonly maxUploadBytes: number;
  /** Most entries (files, folders and OS junk together) an archive may hold. */
  readonly maxEntries: number;
  /** Largest inflated size of any one entry that is not an image or the application CSV, in bytes. */
  readonly maxEntryBytes: number;
  /** Largest inflated size of all entries together, in bytes. */
  readonly maxTotalBytes: number;
  /** Highest inflated-to-compressed ratio of one entry, once it has inflated past `ratioGraceBytes`. */
  readonly maxCompressionRatio: number;
  /** Inflated bytes an entry may produce before `maxCompressionRatio` applies, so tiny, very compressible files pass. */
  readonly ratioGraceBytes: number;
  /** Largest license or selfie image, in bytes (Textract's synchronous limit). */
  readonly maxImageBytes: number;
  /** Largest application CSV, in bytes. */
  readonly maxCsvBytes: number;
  /** Longest entry name, in bytes as stored in the archive. */
  readonly maxNameLength: number;
  /** Deepest folder nesting of an entry (`a/b/c.png` has depth 3). */
  readonly maxPathDepth: number;
  /** Longest value of one application field, in characters after trimming. */
  readonly maxFieldLength: number;
}

const MiB = 1024 * 1024;

/** The limits intake applies unless told otherwise. */
export const DEFAULT_INTAKE_LIMITS: IntakeLimits = Object.freeze({
  maxUploadBytes: 25 * MiB,
  maxEntries: 64,
  maxEntryBytes: 8 * MiB,
  maxTotalBytes: 32 * MiB,
  maxCompressionRatio: 100,
  ratioGraceBytes: 1 * MiB,
  maxImageBytes: 5_242_880,
  maxCsvBytes: 64 * 1024,
  maxNameLength: 512,
  maxPathDepth: 8,
  maxFieldLength: 256,
});

/**
 * The defaults overridden by `partial`. Values that are not finite numbers ≥ 0 are ignored,
 * so a mistyped configuration can never switch a cap off.
 *
 * @example
 * const limits = resolveLimits({ maxUploadBytes: 10 * 1024 * 1024 });
 */
export const resolveLimits = (partial: Partial<IntakeLimits> = {}): IntakeLimits => {
  const resolved: Record<string, number> = { ...DEFAULT_INTAKE_LIMITS };
  for (const key of Object.keys(DEFAULT_INTAKE_LIMITS)) {
    const value = (partial as Record<string, unknown>)[key];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) resolved[key] = value;
  }
  return Object.freeze(resolved) as unknown as IntakeLimits;
};
