export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface ServerEndpoint {
  readonly endpoint: string;
  readonly credentials: Credentials;
}

/** Where the servers listen: plain JSON, so vitest's `provide`/`inject` can carry it to the tests. */
export interface LocalServerEndpoints {
  readonly region: string;
  readonly dynamodb: ServerEndpoint;
  readonly s3: ServerEndpoint & { readonly buckets: readonly string[]; readonly directory: string };
  readonly sqs: ServerEndpoint;
  readonly sns: ServerEndpoint;
}

export interface RunningServer {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export declare const DEFAULT_RESOLVE_FROM: string;
export declare const JAVA_HINT: string;
export declare const S3RVER_CREDENTIALS: Credentials;
export declare const LOCAL_CREDENTIALS: Credentials;
export declare const LOCAL_REGION: string;

export declare function findFreePort(): Promise<number>;
export declare function packageDir(name: string, fromDir?: string): string;
export declare function assertJava(command?: string): number;
export declare function dynamoDbLocalJar(fromDir?: string): { jar: string; libraryPath: string };
export declare function startDynamoDbLocal(options?: {
  fromDir?: string;
  java?: string;
  port?: number;
  timeoutMs?: number;
}): Promise<RunningServer & { readonly pid: number | undefined }>;
export declare function startS3rver(options?: {
  fromDir?: string;
  buckets?: readonly string[];
  requireSse?: boolean;
  onRequest?: (request: RecordedRequest) => void;
}): Promise<RunningServer & { readonly directory: string }>;
export declare function startFauxqs(options?: { fromDir?: string }): Promise<RunningServer>;
export declare function startLocalServers(options?: {
  fromDir?: string;
  s3Buckets?: readonly string[];
  requireSse?: boolean;
}): Promise<{
  readonly endpoints: LocalServerEndpoints;
  readonly pids: { readonly dynamodb: number | undefined; readonly self: number };
  stop(): Promise<void>;
}>;

/**
 * A vitest global setup: starts the servers once per run (or reuses those of
 * ONBOARDING_LOCAL_SERVERS=<state file>) and provides their endpoints as `localServers`.
 */
export declare function provideLocalServers(
  project: { provide(key: "localServers", value: LocalServerEndpoints): void },
  options?: { fromDir?: string },
): Promise<() => Promise<void>>;
