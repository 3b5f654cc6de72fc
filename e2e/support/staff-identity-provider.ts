import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";

import { Provider } from "oidc-provider";

/** A person the company's identity provider knows: the claims it vouches for at sign-in. */
export type IdentityProviderPerson = { email: string; email_verified: boolean; name: string; groups?: string[] };

export type StaffIdentityProvider = { issuer: string; close(): Promise<void> };

/**
 * A company identity provider for staff single sign-on, apart from the MobilePay sandbox: a real OpenID
 * Provider (authorization code + PKCE, signed id_tokens, discovery) whose login page accepts the people it is
 * given by their email, with any password.
 */
export async function startStaffIdentityProvider(options: {
  port: number;
  client: { id: string; secret: string; redirectUri: string };
  people: readonly IdentityProviderPerson[];
}): Promise<StaffIdentityProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const byEmail = new Map(options.people.map((person) => [person.email, person]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: [options.client.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // Like Entra ID, Google and Okta: the claims a scope asks for travel in the id_token itself.
    conformIdTokenClaims: false,
    // Lifetimes of its own, so the provider does not warn that it runs on its defaults.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    features: { devInteractions: { enabled: true } },
    findAccount(_context: unknown, accountId: string) {
      const person = byEmail.get(accountId);
      if (!person) return undefined;
      return { accountId, claims: () => ({ sub: `idp-${accountId}`, ...person }) };
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
