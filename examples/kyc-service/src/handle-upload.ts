import { type ApplicationView, processSubmission } from "@onboarding/core";
import type { Service } from "./compose.js";

/** The part of an S3 `ObjectCreated` notification this handler reads. */
export interface S3UploadEvent {
  readonly Records: readonly {
    readonly s3: {
      readonly bucket: { readonly name: string };
      readonly object: {
        readonly key: string;
        readonly size?: number;
        readonly versionId?: string;
        readonly eTag?: string;
      };
    };
  }[];
}

/** S3 event keys are URL-encoded with `+` for spaces. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, " "));

/**
 * A Lambda-style handler for uploads landing in S3: one `processSubmission` per record. Safe to
 * redeliver — the application id is derived from bucket, key and version, so a second delivery
 * finds the same application and sends nothing twice.
 */
export function createUploadHandler(service: Pick<Service, "deps">) {
  return async (event: S3UploadEvent): Promise<ApplicationView[]> => {
    const views: ApplicationView[] = [];
    for (const { s3 } of event.Records) {
      const version = s3.object.versionId ?? s3.object.eTag;
      views.push(
        await processSubmission(service.deps, {
          upload: {
            bucket: s3.bucket.name,
            key: decodeKey(s3.object.key),
            ...(version === undefined ? {} : { version }),
            ...(s3.object.size === undefined ? {} : { size: s3.object.size }),
          },
        }),
      );
    }
    return views;
  };
}
