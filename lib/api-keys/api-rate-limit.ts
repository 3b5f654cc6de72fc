import "server-only";

import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

import { getEnv } from "@/lib/env";

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

let shared: ApiRateLimit | undefined;

export function apiRateLimit(): ApiRateLimit {
  const env = getEnv();
  shared ??= new ApiRateLimit(env.API_RATE_LIMIT_PER_MINUTE, env.API_INSTANCE_COUNT);
  return shared;
}
