import "server-only";

import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

import { getEnv } from "@/lib/env";
import { processShared } from "@/lib/process-shared";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-key request budget, counted in this instance's memory with the limit divided by the number of
 * instances. A database-backed counter would make every API call, the token handout included, pay a
 * write; behind a balancer that spreads requests evenly the divided limit holds the same line for free.
 */
export class ApiRateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(perMinute: number, instances: number) {
    this.limiter = new RateLimiterMemory({ points: Math.max(1, Math.floor(perMinute / instances)), duration: 60 });
  }

  async take(keyId: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(keyId);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }
}

/** The instance's one limiter, shared by Next's routes and the proxy served before Next. */
export function apiRateLimit(): ApiRateLimit {
  return processShared("api-rate-limit", () => {
    const env = getEnv();
    return new ApiRateLimit(env.API_RATE_LIMIT_PER_MINUTE, env.API_INSTANCE_COUNT);
  });
}
