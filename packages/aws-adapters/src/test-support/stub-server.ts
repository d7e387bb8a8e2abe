import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubServer {
  readonly url: string;
  readonly requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

/**
 * A plain HTTP server on 127.0.0.1 and an ephemeral port, answering with `handle`. Used for the
 * third-party API and to make an AWS endpoint answer an error on the wire (e.g. throttling).
 */
export async function startStubServer(
  handle: (
    request: { method: string; url: string; body: string; count: number },
    response: ServerResponse,
  ) => void | Promise<void>,
): Promise<StubServer> {
  const requests: StubServer["requests"] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    try {
      await handle({ method: req.method ?? "", url: req.url ?? "", body, count: requests.length }, res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers like an AWS JSON-protocol service failing with `type` (e.g. ProvisionedThroughputExceededException). */
export const awsJsonError =
  (status: number, type: string, message: string) =>
  (_request: unknown, response: ServerResponse): void => {
    response.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": type });
    response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }));
  };
