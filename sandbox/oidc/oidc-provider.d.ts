// oidc-provider ships no type declarations; this covers the part of its API the sandbox uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type AnyObject = Record<string, unknown>;

  export interface KoaContextWithOIDC {
    method: string;
    path: string;
    status: number;
    body: unknown;
    type: string;
    req: IncomingMessage;
    res: ServerResponse;
    oidc: OIDCContext;
    set(field: string, value: string): void;
  }

  export interface OIDCContext {
    route: string;
    params?: Record<string, string | undefined>;
    client?: ClientInstance;
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } } & AnyObject;
    entities: Record<string, unknown> & {
      Grant?: GrantInstance;
      RefreshToken?: RefreshTokenInstance;
      RotatedRefreshToken?: RefreshTokenInstance;
      AuthorizationCode?: TokenInstance;
      AccessToken?: TokenInstance;
      Account?: Account;
    };
    account?: Account;
    grant?: GrantInstance;
    provider: Provider;
  }

  export interface ClientInstance {
    clientId: string;
    clientName?: string;
    redirectUris: string[];
    metadata(): AnyObject;
  }

  export interface TokenInstance {
    jti: string;
    kind: string;
    iat: number;
    exp: number;
    accountId?: string;
    clientId?: string;
    grantId?: string;
    scope?: string;
    authTime?: number;
    amr?: string[];
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface RefreshTokenInstance extends TokenInstance {
    consumed?: number;
  }

  export interface GrantInstance {
    jti: string;
    accountId: string;
    clientId: string;
    exp?: number;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    getOIDCScope(): string;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface TokenModel<T> {
    find(value: string, options?: { ignoreExpiration?: boolean }): Promise<T | undefined>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface GrantModel {
    new (properties: { accountId: string; clientId: string }): GrantInstance;
    find(id: string): Promise<GrantInstance | undefined>;
    adapter: { destroy(id: string): Promise<void> };
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims?: AnyObject, rejected?: string[]): Promise<AnyObject> | AnyObject;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: AnyObject };
    params: Record<string, string | undefined>;
    session?: { accountId?: string; uid?: string };
    grantId?: string;
    lastSubmission?: AnyObject;
    returnTo: string;
  }

  export interface InteractionResults {
    login?: { accountId: string; amr?: string[]; acr?: string; remember?: boolean; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export class Provider {
    constructor(issuer: string, configuration: AnyObject);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: Middleware): void;
    on(event: string, listener: (...args: never[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: GrantModel;
    AccessToken: TokenModel<TokenInstance>;
    AuthorizationCode: TokenModel<TokenInstance>;
    RefreshToken: TokenModel<RefreshTokenInstance>;
    Client: { Schema: { prototype: { invalidate(message: string, code?: string): void } } };
  }

  export class OIDCProviderError extends Error {
    constructor(status?: number, message?: string);
    error: string;
    error_description?: string;
    status: number;
    statusCode: number;
    expose: boolean;
  }

  export const errors: {
    InvalidRequest: new (description?: string) => OIDCProviderError;
    InvalidGrant: new (description?: string) => OIDCProviderError;
    AccessDenied: new (description?: string) => OIDCProviderError;
    InvalidClientMetadata: new (description?: string) => OIDCProviderError;
    OIDCProviderError: typeof OIDCProviderError;
  };

  export interface PromptCheck {
    reason: string;
  }

  export interface PromptDefinition {
    name: string;
    checks: PromptCheck[] & { remove(reason: string): void; get(reason: string): PromptCheck | undefined };
  }

  export interface InteractionPolicy extends Array<PromptDefinition> {
    get(name: string): PromptDefinition | undefined;
  }

  export const interactionPolicy: { base(): InteractionPolicy };

  export default Provider;
}
