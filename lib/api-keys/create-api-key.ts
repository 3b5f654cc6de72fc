import "server-only";

import { judgeKeyEnvironments } from "@/lib/api-keys/api-key-environments";
import type { TCreateApiKey } from "@/lib/api-keys/api-key-schemas";
import { hashApiKeySecret, lastFourOf, newApiKeySecret } from "@/lib/api-keys/api-key-secret";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getEnvironments } from "@/lib/mobilepay/environments";

export type CreateApiKeyOptions = { input: TCreateApiKey; staff: CurrentStaff };

/**
 * Creates a key and returns its secret, the only time it exists outside the caller's hands: the database
 * keeps its hash and last four characters. Staff need `api-keys:manage`, checked by the route; demo staff
 * are confined here to sandbox environments.
 */
export async function createApiKey({ input, staff }: CreateApiKeyOptions) {
  const verdict = judgeKeyEnvironments(input.environments, getEnvironments(), {
    sandboxesOnly: staff.role === "demo",
  });
  if (!verdict.ok) {
    throw new AppError(staff.role === "demo" ? "FORBIDDEN" : "INVALID_INPUT", {
      userMessage: verdict.problem,
      fieldErrors: { environments: [verdict.problem] },
    });
  }
  const secret = newApiKeySecret(verdict.mode);
  const key = await getDb().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        secretHash: hashApiKeySecret(secret),
        lastFour: lastFourOf(secret),
        environments: input.environments.join(" "),
        scopes: input.scopes.join(" "),
        returnUrlOrigins: input.returnUrlOrigins.join(" "),
        expiresAt: input.expiresOn,
        createdById: staff.id,
        createdByLabel: staff.email,
      },
    });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "api_key.created",
        details: {
          apiKeyId: created.id,
          name: created.name,
          lastFour: created.lastFour,
          environments: input.environments,
          scopes: input.scopes,
          expiresAt: created.expiresAt?.toISOString() ?? null,
        },
      },
      tx,
    );
    return created;
  });
  return { apiKeyId: key.id, name: key.name, secret, lastFour: key.lastFour };
}
