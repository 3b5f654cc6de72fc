import type { MobilePayApiErrorKind } from "@/lib/mobilepay/api/mobilepay-api-error";

export type SampleCallOutcome = "success" | "api-error" | "unauthorized" | "network-error";

/** One stored sample call as the request inspector shows it: masked headers only, never a token. */
export type SampleCallView = {
  id: string;
  operation: string;
  operationLabel: string;
  product: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number;
  correlationId: string | null;
  refreshed: boolean;
  outcome: SampleCallOutcome;
  errorCode: string | null;
  errorMessage: string | null;
  staffLabel: string;
  createdAt: string;
  curl: string;
  highlights: { label: string; value: string; href?: boolean }[];
};

/** The answer to running a call: the stored call, plus what only the live run knows. */
export type RunSampleCallResult = {
  call: SampleCallView;
  retriedAfter401: boolean;
  errorKind: MobilePayApiErrorKind | null;
  hint: string | null;
};

export type ReceivedCallbackView = {
  id: string;
  kind: string;
  verified: boolean;
  /** verified, unverified (credentials did not check out), or incomplete (an empty or cut-off delivery). */
  status: "verified" | "unverified" | "incomplete";
  verificationDetail: string;
  body: string;
  receivedAt: string;
  summary: string;
};

export type SampleCallsData = { calls: SampleCallView[]; callbacks: ReceivedCallbackView[] };
