const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export type CallbackQueue = "invoice" | "payment" | "agreement" | "refund";

export interface CallbackSchedule {
  /** How long events wait to be sent together; 0 sends each event on its own, as an object. */
  batchWindowMs: number;
  /** Delay before each retry, counted from the previous attempt. */
  retryDelaysMs: number[];
}

/** Invoice: batched every 5 s since 2022-08-08, 8 retries (INV-GH docs/callbacks.md). */
const INVOICE: CallbackSchedule = {
  batchWindowMs: 5 * SECOND,
  retryDelaysMs: [
    5 * SECOND,
    19 * MINUTE,
    39 * MINUTE,
    HOUR + 19 * MINUTE,
    2 * HOUR + 39 * MINUTE,
    5 * HOUR + 19 * MINUTE,
    10 * HOUR + 39 * MINUTE,
    21 * HOUR + 19 * MINUTE,
  ],
};

/** Subscriptions' general retry schedule (DOCS-2023 general-notes.md). */
const SUBSCRIPTIONS_RETRIES = [
  5 * SECOND,
  10 * MINUTE,
  30 * MINUTE,
  HOUR + 10 * MINUTE,
  2 * HOUR + 30 * MINUTE,
  5 * HOUR + 10 * MINUTE,
  10 * HOUR + 30 * MINUTE,
  21 * HOUR + 10 * MINUTE,
];

export const CALLBACK_SCHEDULES: Record<CallbackQueue, CallbackSchedule> = {
  invoice: INVOICE,
  /** Payment callbacks go out in a batch every 2 minutes. */
  payment: { batchWindowMs: 2 * MINUTE, retryDelaysMs: SUBSCRIPTIONS_RETRIES },
  agreement: { batchWindowMs: 0, retryDelaysMs: SUBSCRIPTIONS_RETRIES },
  refund: { batchWindowMs: 0, retryDelaysMs: SUBSCRIPTIONS_RETRIES },
};
