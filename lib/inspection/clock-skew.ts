export type SkewLevel = "pass" | "warn" | "fail" | "unknown";

export type SkewVerdict = {
  level: SkewLevel;
  /** OP clock minus console clock, in whole seconds; positive means the OP is ahead. */
  offsetSeconds: number | null;
  toleranceSeconds: number;
  warnAtSeconds: number;
  message: string;
  fix: string;
};

/** The console accepts id_tokens this far off (the environment's clock tolerance). */
export const DEFAULT_TOLERANCE_SECONDS = 10;

/** Half the tolerance: early enough to act before validation starts failing. */
export function warnThreshold(toleranceSeconds: number): number {
  return Math.max(1, Math.floor(toleranceSeconds / 2));
}

function describeOffset(offsetSeconds: number): string {
  if (offsetSeconds === 0) return "in step with this console";
  const direction = offsetSeconds > 0 ? "ahead of" : "behind";
  return `${Math.abs(offsetSeconds)} s ${direction} this console`;
}

/**
 * A verdict on a measured offset between MobilePay's clock and ours. id_token exp/iat are checked with the
 * environment's tolerance, so an offset beyond it makes sign-ins fail; beyond half of it we warn first.
 */
export function clockSkewVerdict(
  offsetSeconds: number | null | undefined,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SkewVerdict {
  const warnAtSeconds = warnThreshold(toleranceSeconds);
  const base = { toleranceSeconds, warnAtSeconds };
  if (offsetSeconds === null || offsetSeconds === undefined || !Number.isFinite(offsetSeconds)) {
    return {
      ...base,
      level: "unknown",
      offsetSeconds: null,
      message: "No measurement: MobilePay's answer carried no usable Date header.",
      fix: "Run the check again; if it stays unknown, compare this server's clock with an NTP source by hand.",
    };
  }
  const rounded = Math.round(offsetSeconds);
  const magnitude = Math.abs(rounded);
  if (magnitude > toleranceSeconds) {
    return {
      ...base,
      level: "fail",
      offsetSeconds: rounded,
      message: `MobilePay's clock is ${describeOffset(rounded)}, beyond the ${toleranceSeconds} s tolerance: id_tokens will be refused as expired or issued in the future.`,
      fix: "Synchronise this server's clock (NTP/chrony). If the server is right, MobilePay's clock is off: report it to MobilePay developer support.",
    };
  }
  if (magnitude > warnAtSeconds) {
    return {
      ...base,
      level: "warn",
      offsetSeconds: rounded,
      message: `MobilePay's clock is ${describeOffset(rounded)}: still within the ${toleranceSeconds} s tolerance, but close to it.`,
      fix: "Check that this server synchronises its clock (NTP/chrony) before the drift grows and sign-ins start failing.",
    };
  }
  return {
    ...base,
    level: "pass",
    offsetSeconds: rounded,
    message: `MobilePay's clock is ${describeOffset(rounded)} (tolerance ${toleranceSeconds} s).`,
    fix: "",
  };
}

/**
 * Offset from an HTTP Date header. The header is truncated to whole seconds (so it is on average half a second
 * early) and stamped while the request is in flight, so it is compared with the middle of the round trip.
 */
export function offsetFromDateHeader(dateHeader: Date, sentAt: number, receivedAt: number): number {
  const midpoint = sentAt + (receivedAt - sentAt) / 2;
  return Math.round((dateHeader.getTime() + 500 - midpoint) / 1000) || 0;
}

/** Offset from a token's iat against when the console received it (never negative latency: iat precedes receipt). */
export function offsetFromIssuedAt(iatSeconds: number, receivedAt: Date): number {
  return Math.round(iatSeconds - receivedAt.getTime() / 1000) || 0;
}
