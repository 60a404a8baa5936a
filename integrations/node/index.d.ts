// Types of the rtc-mock Node helper (index.js). Shapes follow docs/admin-api.md and docs/lifecycle.md of the
// rtc-mock repository; fields the mock adds later pass through untyped.

export interface StartOptions {
  /** `--clock`: "virtual" moves time only by `advance()`. Default: the mock's (real). */
  clock?: 'real' | 'virtual';
  /** `--config FILE`: fixture and settings. Default: the fixture built into the binary. */
  config?: string;
  /** `--pages`: simulated pages, or each SourceURL opened in headless Chromium. */
  pages?: 'scripted' | 'chromium';
  /** The binary. Default: $RTC_MOCK_BIN, else the repository's build/rtc-mock, else `rtc-mock` on PATH. */
  bin?: string;
  /** More flags, after `--port 0` and the ones above (e.g. `['--admin-token', 'T']`). */
  args?: string[];
  /** Variables added to this process's environment for the mock (e.g. `{ RTC_MOCK_LOG_FORMAT: 'json' }`). */
  env?: Record<string, string>;
}

/** Account 2100000001 of the default fixture. */
export interface Credentials {
  accessKeyId: 'AKLTLOCALMOCK' | string;
  secretKey: 'LOCALMOCKSECRET' | string;
  region: 'cn-north-1' | string;
  service: 'rtc' | string;
}

/** Journal filters (GET /_mock/requests); every value is sent as a query parameter. */
export interface RequestFilter {
  action?: string;
  /** An error Code, or "ok" for successes. */
  code?: string;
  account?: string;
  app?: string;
  status?: number | string;
  verdict?: 'ok' | 'unsigned' | 'mismatch' | 'invalid';
  /** A fault rule's Id, or "any". */
  fault?: string;
  since?: number | string;
  limit?: number | string;
}

export interface JournalEntry {
  Seq: number;
  Time: string;
  TimeMs: number;
  RequestId: string;
  Method: string;
  Action: string;
  Version: string;
  AccountId: string;
  AccessKey: string;
  AppId: string;
  RemoteAddr: string;
  HttpStatus: number;
  ErrorCode: string;
  ErrorMessage: string;
  LatencyMs: number;
  Signature: { Verdict: string; Form: string; SignedHeaders?: string; CanonicalRequest?: string; StringToSign?: string };
  UnknownFields: string[];
  Throttled: boolean;
  Fault: string;
  FaultType: string;
  Query: string;
  Headers: Record<string, string>;
  Body: string;
  BodyTruncated: boolean;
  [field: string]: unknown;
}

/** Delivery filters (GET /_mock/callbacks). */
export interface CallbackFilter {
  event_id?: string;
  app_id?: string;
  task?: string;
  outcome?: 'delivered' | 'retrying' | 'failed' | 'abandoned';
  limit?: number | string;
}

export interface CallbackAttempt {
  DeliveryId: string;
  EventId: string;
  EventType: string;
  AppId: string;
  BusinessId: string;
  Task: string;
  URL: string;
  Attempt: number;
  Resend: boolean;
  Time: string;
  TimeMs: number;
  HttpStatus: number;
  Error: string;
  DurationMs: number;
  Outcome: 'delivered' | 'retrying' | 'failed' | 'abandoned';
  NextRetryAtMs: number;
  Body: string;
  [field: string]: unknown;
}

export interface Tasks {
  Webcast: Array<Record<string, unknown>>;
  WBRecord: Array<Record<string, unknown>>;
  [kind: string]: Array<Record<string, unknown>>;
}

/** POST /_mock/faults: see docs/admin-api.md, "Fault rules". */
export interface FaultRule {
  Type: 'latency' | 'error' | 'drop' | 'reset' | 'throttle';
  Action?: string;
  AccountId?: string;
  AppId?: string;
  LatencyMs?: number;
  LatencyMinMs?: number;
  LatencyMaxMs?: number;
  Error?: { Code?: string; CodeN?: number; HttpStatus?: number; Message?: string; Reason?: string };
  RetryAfterSeconds?: number;
  Probability?: number;
  Seed?: number;
  Count?: number;
  ExpiresInSeconds?: number;
}

export interface StoredFaultRule extends FaultRule {
  Id: string;
  Remaining?: number;
  Applied: number;
  Active: boolean;
  CreatedAt: string;
  [field: string]: unknown;
}

/** An admin call the mock refused: the message is the mock's own. */
export interface MockError extends Error {
  status: number;
  body: unknown;
}

export interface Mock {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly credentials: Credentials;
  /** POST /_mock/clock/advance {"Seconds": seconds} (a mock on the virtual clock). */
  advance(seconds: number): Promise<Record<string, unknown>>;
  /** GET /_mock/requests: the matching journal entries, newest last. */
  requests(filter?: RequestFilter): Promise<JournalEntry[]>;
  /**
   * Resolves when exactly `count` (default 1) journaled requests match; else rejects with the mock's message
   * and the requests that matched (or, when none did, the newest ones received).
   */
  verify(filter: RequestFilter, count?: number): Promise<{ Ok: true; Count: number }>;
  /** GET /_mock/callbacks: every delivery attempt, oldest first. */
  callbacks(filter?: CallbackFilter): Promise<CallbackAttempt[]>;
  /** GET /_mock/tasks. */
  tasks(): Promise<Tasks>;
  /** POST /_mock/faults: resolves to the stored rule. */
  fault(rule: FaultRule): Promise<StoredFaultRule>;
  /** DELETE /_mock/faults. */
  clearFaults(): Promise<{ status: string; Deleted: number }>;
  /** POST /_mock/tasks/webcast/{appId}/{roomId}/{taskId}/events {"Event": event}, e.g. "PageFreeze". */
  pageEvent(appId: string, roomId: string, taskId: string, event: string): Promise<Record<string, unknown>>;
  /** POST /_mock/reset: back to the fixture. */
  reset(): Promise<Record<string, unknown>>;
  /** SIGTERM, SIGKILL after 5 s; resolves to the exit code (null when a signal ended it). */
  stop(): Promise<number | null>;
}

/**
 * Starts rtc-mock on a free loopback port (`--port 0`); resolves once it announced its address and
 * GET /_mock/ready answers 200. Rejects with the mock's stderr if it exits first, or after 15 s.
 */
export function startMock(options?: StartOptions): Promise<Mock>;

export const CREDENTIALS: Readonly<Credentials>;

export interface ContainerOptions {
  /** RTC_MOCK_CLOCK. Default: the image's (real). */
  clock?: 'real' | 'virtual';
  /** A config file on this machine: copied into the container and named by RTC_MOCK_CONFIG. */
  config?: string;
  /** RTC_MOCK_PAGES; "chromium" needs an image with the browser (rtc-mock:latest-chromium). */
  pages?: 'scripted' | 'chromium';
  /** Flags after `rtc-mock` (the image's entrypoint). Not the admin token: that is `adminToken`. */
  args?: string[];
  /** Variables of the container (RTC_MOCK_* settings included). */
  env?: Record<string, string>;
  /** Required by the admin API and sent with every admin call. Default: a random one. */
  adminToken?: string;
  /**
   * "host": the host's network, a free port of this machine, bound on 127.0.0.1 (the default on Linux; what a
   * daemon without a bridge needs). "bridge": port 8080 published on a free port (the default elsewhere).
   */
  network?: 'host' | 'bridge';
  /** How long to wait for the image's HEALTHCHECK to say healthy. Default 60 000. */
  startupTimeoutMs?: number;
}

/** A mock in a container: the same interface as startMock's, plus the testcontainers container. */
export interface ContainerMock extends Mock {
  /** The StartedTestContainer of testcontainers (logs, exec, inspect, ...). */
  readonly container: unknown;
  /** docker stop (SIGTERM, SIGKILL after 5 s), then the container is removed; resolves to its exit code. */
  stop(): Promise<number | null>;
}

/**
 * rtc-mock in a container of an image of scripts/image.sh, through the testcontainers package (an optional peer
 * dependency: the constructor throws when it is not installed). start() resolves once Docker reports the image's
 * HEALTHCHECK healthy.
 */
export class RtcMockContainer {
  constructor(image?: string, options?: ContainerOptions);
  readonly image: string;
  start(): Promise<ContainerMock>;
}
