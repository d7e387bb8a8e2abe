/**
 * The object key of an S3 event notification as it is stored. S3 sends keys URL-encoded the way
 * HTML forms are: a space is `+`, and everything else that is not URL-safe is percent-encoded
 * (`John+Doe%27s+app.zip` is `John Doe's app.zip`; a real `+` arrives as `%2B`). So `+` is turned
 * into a space first, then percent-escapes are decoded (UTF-8).
 *
 * Throws `URIError` on a malformed escape (which S3 itself never sends).
 */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replaceAll("+", " "));
}

/**
 * True when `key` is an upload intake should process: under `uploadPrefix` and ending in `.zip`
 * (any case). Everything else in the bucket, in particular the documents the function writes
 * itself under its own prefix, is ignored, so its writes can never trigger it again.
 */
export function isUploadKey(key: string, uploadPrefix: string): boolean {
  return (
    key.startsWith(uploadPrefix) && key.length > uploadPrefix.length && key.toLowerCase().endsWith(".zip")
  );
}
