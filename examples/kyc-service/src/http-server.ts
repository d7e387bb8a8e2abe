import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { getApplication, processSubmission } from "@onboarding/core";
import type { Service } from "./compose.js";

/**
 * The service's HTTP API:
 *
 * - `POST /submissions` with the zip as the body (`application/zip`): stores it in S3 under
 *   `uploads/`, processes it and answers `202` with the application (status, reasons, checks; no PII).
 * - `GET /applications/<id>`: the application, or `404`.
 */
export function createHttpServer(service: Service): Server {
  return createServer((request, response) => {
    route(service, request, response).catch((error: unknown) => {
      // Faults (OnboardingFault) carry a code and say whether a retry can help; anything else is a bug.
      const fault = (typeof error === "object" && error !== null ? error : {}) as {
        code?: unknown;
        retryable?: unknown;
      };
      const code = typeof fault.code === "string" ? fault.code : "INTERNAL_ERROR";
      if (!response.headersSent) send(response, fault.retryable === true ? 503 : 500, { error: code });
    });
  });
}

async function route(service: Service, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method === "POST" && url.pathname === "/submissions") {
    const body = await readBody(request, service.config.maxUploadBytes);
    if (body === undefined) return send(response, 413, { error: "UPLOAD_TOO_LARGE" });
    const key = `uploads/${randomUUID()}.zip`;
    const bucket = service.config.documentsBucket;
    const put = await service.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: "application/zip",
        ServerSideEncryption: "AES256",
      }),
    );
    const version = put.VersionId ?? put.ETag;
    const view = await processSubmission(service.deps, {
      upload: { bucket, key, size: body.byteLength, ...(version === undefined ? {} : { version }) },
    });
    return send(response, 202, view);
  }
  const match = /^\/applications\/([\w-]+)$/.exec(url.pathname);
  if (request.method === "GET" && match?.[1] !== undefined) {
    const view = await getApplication(service.deps, match[1]);
    return view === undefined ? send(response, 404, { error: "NOT_FOUND" }) : send(response, 200, view);
  }
  send(response, 404, { error: "NOT_FOUND" });
}

/** The request body, or `undefined` as soon as it exceeds `maxBytes`. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
