import "server-only";

import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { environmentsFromConfig, type MobilePayEnvironment } from "@/lib/mobilepay/environment-config";

let cached: MobilePayEnvironment[] | undefined;

export function getEnvironments(): MobilePayEnvironment[] {
  cached ??= environmentsFromConfig(getEnv(), process.env);
  return cached;
}

export function findEnvironment(id: string): MobilePayEnvironment | undefined {
  return getEnvironments().find((environment) => environment.id === id);
}

export function requireEnvironment(id: string): MobilePayEnvironment {
  const environment = findEnvironment(id);
  if (!environment) {
    throw new AppError("INVALID_INPUT", {
      message: `environment ${id} is not configured`,
      userMessage: `The environment "${id}" is not configured in this console.`,
      fieldErrors: { environment: ["This environment is not configured."] },
    });
  }
  return environment;
}

/** Public facts about an environment, safe for any page. */
export function describeEnvironment(environment: MobilePayEnvironment) {
  return { id: environment.id, label: environment.label, isSandbox: environment.isSandbox };
}
