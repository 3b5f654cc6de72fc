import type { IncomingMessage, ServerResponse } from "node:http";

import Provider, { type KoaContextWithOIDC } from "oidc-provider";

import type { FaultState } from "../faults/fault-state";
import { dropsIdToken } from "../faults/refresh-answer-faults";
import type { TokenEndpointCounters } from "../faults/token-endpoint-counters";
import { privateKeyObject, type SigningKeyStore } from "../keys/signing-key-store";
import { toMobilePayDiscovery } from "./discovery-document";
import { type ActiveSigningKey, shapeIdToken } from "./id-token-shaping";
import type { MerchantGrants } from "./merchant-grants";
import { holdUntilClientGivesUp } from "./token-endpoint-faults";
import {
  buildProviderConfiguration,
  type ProviderConfigurationDependencies,
  REFRESH_TOKEN_TTL_SECONDS,
} from "./provider-configuration";

export interface SandboxProviderDependencies extends ProviderConfigurationDependencies {
  counters: TokenEndpointCounters;
  merchantGrants: MerchantGrants;
  faults: FaultState;
  keyStore: SigningKeyStore;
  onError: (error: unknown) => void;
}

const RELAXED_CLIENT_CHECKS = new Set(["implicit-force-https", "implicit-forbid-localhost"]);

function activeSigningKey(keyStore: SigningKeyStore): ActiveSigningKey {
  const jwk = keyStore.activeKey;
  return { kid: jwk.kid, privateKey: privateKeyObject(jwk) };
}

function tokenResponseOf(ctx: KoaContextWithOIDC): Record<string, unknown> | undefined {
  const body = ctx.body;
  return ctx.status === 200 && body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
}

/**
 * oidc-provider reads its signing keys once, at construction. Rotating keys therefore builds a new
 * instance; everything it remembers lives in SQLite, so the swap is invisible to clients.
 */
export class SandboxProvider {
  private current: Provider;
  private handler: (req: IncomingMessage, res: ServerResponse) => void;

  constructor(private readonly deps: SandboxProviderDependencies) {
    this.current = this.build();
    this.handler = this.current.callback();
  }

  get provider(): Provider {
    return this.current;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    this.handler(req, res);
  }

  rebuild(): void {
    this.current = this.build();
    this.handler = this.current.callback();
  }

  private build(): Provider {
    const { deps } = this;
    const provider = new Provider(deps.options.issuer, buildProviderConfiguration(deps));

    // A local sandbox must accept http://localhost redirect URIs for the hybrid flow; only these two
    // client checks are relaxed, and only here.
    const schema = provider.Client.Schema.prototype;
    const invalidate = schema.invalidate;
    schema.invalidate = function relaxedInvalidate(message: string, code?: string) {
      if (code && RELAXED_CLIENT_CHECKS.has(code)) return;
      invalidate.call(this, message, code);
    };

    provider.use(async (ctx, next) => {
      await next();
      if (ctx.oidc.route === "discovery" && ctx.status === 200 && ctx.body && typeof ctx.body === "object") {
        ctx.body = toMobilePayDiscovery(ctx.body as Record<string, unknown>, deps.options.publicUrl);
      }
      if (ctx.oidc.route === "token") await this.afterTokenRequest(ctx);
    });

    provider.on("authorization.success", (ctx: KoaContextWithOIDC, out: Record<string, unknown>) => {
      if (typeof out.id_token !== "string") return;
      const clientId = ctx.oidc.client?.clientId ?? "";
      out.id_token = shapeIdToken(out.id_token, {
        signingKey: activeSigningKey(deps.keyStore),
        skewSeconds: deps.faults.clockSkewSeconds,
        fault: deps.faults.takeBadIdToken(clientId),
      });
    });

    provider.on("grant.revoked", (ctx: KoaContextWithOIDC, grantId: string) => {
      const revokedBy = ctx.oidc.route === "revocation" ? "revocation-endpoint" : "code-replay";
      deps.merchantGrants.markRevoked(grantId, revokedBy).catch(deps.onError);
    });

    provider.on("server_error", (_ctx: unknown, error: unknown) => deps.onError(error));
    return provider;
  }

  private async afterTokenRequest(ctx: KoaContextWithOIDC): Promise<void> {
    const { deps } = this;
    const grantType = ctx.oidc.params?.grant_type;
    const clientId = ctx.oidc.client?.clientId ?? ctx.oidc.params?.client_id ?? "unknown";
    const response = tokenResponseOf(ctx);
    if (!response) {
      deps.counters.record(clientId, grantType, "failed");
      return;
    }

    if (typeof response.id_token === "string") {
      response.id_token = shapeIdToken(response.id_token, {
        signingKey: activeSigningKey(deps.keyStore),
        skewSeconds: deps.faults.clockSkewSeconds,
        dropNonce: grantType === "refresh_token",
        accessTokenForHash: typeof response.access_token === "string" ? response.access_token : undefined,
        fault: deps.faults.takeBadTokenEndpointIdToken(clientId),
      });
    }

    // ReUse keeps the same refresh token, so its 13-month lifetime has to slide explicitly; a
    // rotated token starts a fresh lifetime by itself.
    const refreshToken = ctx.oidc.entities.RefreshToken;
    if (grantType === "refresh_token" && refreshToken && !ctx.oidc.entities.RotatedRefreshToken) {
      refreshToken.exp = Math.floor(Date.now() / 1000) + REFRESH_TOKEN_TTL_SECONDS;
      await refreshToken.save();
    }

    deps.counters.record(clientId, grantType, "served");

    const fault = grantType === "refresh_token" ? deps.faults.refreshAnswerFaultFor(ctx, clientId) : null;
    if (dropsIdToken(fault)) delete response.id_token;
    if (fault === "hold") {
      // Served and stored on the OP's side (a OneTime refresh token has rotated); the client never hears.
      deps.faults.answersHeld += 1;
      try {
        await holdUntilClientGivesUp(ctx.res);
      } finally {
        deps.faults.answersHeld -= 1;
      }
    }
  }
}
