export type FixedWindowLimits = {
  /** Requests allowed per key in one window. */
  limit: number;
  windowMs: number;
  /** Keys tracked at once, so rotating keys cannot grow memory without bound. */
  maxKeys: number;
};

/**
 * Counts requests per key in fixed windows, in this process's memory. When every tracked key is in a live
 * window and a new key arrives, the new key is refused: memory stays bounded, and whoever floods the table
 * with fresh keys is already limited by a bound that does not depend on the key.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly limits: FixedWindowLimits) {}

  /** Takes one request from the key's allowance; false when the allowance for this window is used up. */
  take(key: string, now: number): boolean {
    const current = this.windows.get(key);
    if (current && now - current.startedAt < this.limits.windowMs) {
      if (current.count >= this.limits.limit) return false;
      current.count += 1;
      return true;
    }
    if (!current && this.windows.size >= this.limits.maxKeys) {
      this.forgetEndedWindows(now);
      if (this.windows.size >= this.limits.maxKeys) return false;
    }
    this.windows.set(key, { startedAt: now, count: 1 });
    return true;
  }

  private forgetEndedWindows(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.limits.windowMs) this.windows.delete(key);
    }
  }
}
