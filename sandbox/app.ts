// First: it must run before oidc-provider is loaded (see the module).
import "./oidc/supported-runtime";

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";

import defaultSeed from "./seed/portal-users.json";
import { BearerTokenCheck } from "./api/bearer-token-check";
import { CallbackDispatcher } from "./api/callbacks/callback-dispatcher";
import { registerApiRoutes } from "./api/register-api-routes";
import { InvoiceService } from "./api/invoice/invoice-service";
import { SubscriptionsService } from "./api/subscriptions/subscriptions-service";
import { loadOrCreatePersistedSecrets } from "./config/persisted-secrets";
import {
  type ResolvedSandboxOptions,
  type TSandboxOptionsInput,
  ZSandboxOptionsSchema,
} from "./config/sandbox-options";
import { ApiRequestLog, registerApiRequestLogRoutes } from "./control/api-request-log";
import { ControlActions } from "./control/control-actions";
import { registerControlPage } from "./control/control-page";
import { createControlApiRouter } from "./control/control-routes";
import { FaultState } from "./faults/fault-state";
import { TokenEndpointCounters } from "./faults/token-endpoint-counters";
import { BodyTooLargeError } from "./http/request-body";
import { sendEmpty, sendHtml, sendJson } from "./http/responses";
import { Router } from "./http/router";
import { SigningKeyStore } from "./keys/signing-key-store";
import { AccessTokenLedger } from "./oidc/access-token-ledger";
import { OIDC_PATHS } from "./oidc/endpoint-paths";
import { routeToProvider } from "./oidc/provider-gateway";
import { MerchantGrants } from "./oidc/merchant-grants";
import { NonceLedger } from "./oidc/nonce-ledger";
import { SandboxProvider } from "./oidc/sandbox-provider";
import { renderPortalPage } from "./portal/html/portal-layout";
import { registerInteractionRoutes } from "./portal/interaction-routes";
import { PortalDirectory } from "./portal/portal-directory";
import { registerPortalRoutes } from "./portal/portal-routes";
import { PortalSessions } from "./portal/portal-session";
import { type Database, openDatabase } from "./storage/database";
import { purgeExpiredOidcModels, SqliteOidcAdapter } from "./storage/oidc-sqlite-adapter";

export interface RunningSandbox {
  url: string;
  issuer: string;
  options: ResolvedSandboxOptions;
  close(): Promise<void>;
}

const MAINTENANCE_INTERVAL_MS = 10 * 60 * 1000;

export class PortInUseError extends Error {
  constructor(host: string, port: number) {
    super(`port ${port} on ${host} is in use — is another sandbox running?`);
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new PortInUseError(host, port) : error);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function logError(error: unknown): void {
  console.error("[sandbox]", error);
}

/** A wildcard listen address is no address a browser can use; loopback is the sensible default then. */
function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

function renderIndexPage(): string {
  return renderPortalPage({
    title: "Sandbox",
    body: `<div class="card"><h1>MobilePay sandbox</h1>
      <p class="lead">A local stand-in for MobilePay's OpenID Provider, merchant portal, Invoice and Subscriptions APIs.</p>
      <ul>
        <li><a href="${OIDC_PATHS.discovery}">Discovery document</a></li>
        <li><a href="/account/integrations">Merchant portal: Integrations</a></li>
        <li><a href="/control">Sandbox control</a></li>
      </ul></div>`,
  });
}

/** Starts the sandbox: OpenID Provider, merchant portal, APIs and control API on one HTTP server. */
export async function startSandbox(input: TSandboxOptionsInput): Promise<RunningSandbox> {
  const parsed = ZSandboxOptionsSchema.parse(input);
  const dataDir = path.resolve(parsed.dataDir);
  const faults = new FaultState();
  const counters = new TokenEndpointCounters();
  const sockets = new Set<Socket>();
  let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => sendEmpty(res, 503);

  const server = createServer((req, res) => {
    res.setHeader("Date", new Date(faults.skewedNowMs()).toUTCString());
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) return sendEmpty(res, 413);
      logError(error);
      if (!res.headersSent) sendJson(res, 500, { error: "server_error" });
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const port = await listen(server, parsed.host, parsed.port);
  const publicUrl = (parsed.publicUrl ?? `http://${hostForUrl(parsed.host)}:${port}`).replace(/\/$/, "");
  const options: ResolvedSandboxOptions = {
    ...parsed,
    dataDir,
    publicUrl,
    issuer: parsed.issuer ?? `${publicUrl}/merchant`,
  };

  let db: Database | undefined;
  let callbacks: CallbackDispatcher | undefined;
  let maintenance: NodeJS.Timeout | undefined;
  const close = async () => {
    if (maintenance) clearInterval(maintenance);
    await callbacks?.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    db?.close();
  };

  try {
    db = await openDatabase(dataDir);
    const database = db;
    const secrets = await loadOrCreatePersistedSecrets(dataDir);
    const keyStore = await SigningKeyStore.open(dataDir, options.accessTokenTtlSeconds);
    const directory = options.seedFile
      ? await PortalDirectory.load(options.seedFile)
      : PortalDirectory.fromSeed(defaultSeed);
    const merchantGrants = new MerchantGrants(database);
    const accessTokenLedger = new AccessTokenLedger(database);
    const nonces = new NonceLedger(database);
    const sessions = new PortalSessions(database, directory);
    callbacks = new CallbackDispatcher(database, options.callbackTimeScale, logError);
    const subscriptions = new SubscriptionsService(database, callbacks, options.publicUrl);

    const adapterPolicy = { keepConsumedRefreshTokens: () => faults.staleRefreshTokenRevokesGrant };
    const oidc = new SandboxProvider({
      options,
      cookieKeys: secrets.cookieKeys,
      keyStore,
      directory,
      merchantGrants,
      accessTokenLedger,
      faults,
      counters,
      adapterFor: (model) => new SqliteOidcAdapter(database, model, adapterPolicy),
      onError: logError,
    });

    const actions = new ControlActions({
      options,
      faults,
      counters,
      keyStore,
      oidc,
      merchantGrants,
      accessTokenLedger,
      directory,
      callbacks,
      subscriptions,
    });
    const controlApi = createControlApiRouter(actions, options.controlToken);
    const apiRequests = new ApiRequestLog();
    registerApiRequestLogRoutes(controlApi, apiRequests, options.controlToken);
    const pages = new Router();
    registerControlPage(pages, actions, options.controlToken, directory);
    registerInteractionRoutes(pages, { oidc, directory, sessions, merchantGrants, clients: options.clients });
    registerPortalRoutes(pages, { oidc, directory, sessions, merchantGrants, clients: options.clients });
    pages.on("GET", "/", async ({ res }) => sendHtml(res, 200, renderIndexPage()));

    const tokens = new BearerTokenCheck({
      issuer: options.issuer,
      keyStore,
      faults,
      directory,
      accessTokenLedger,
      merchantGrants,
    });
    const apis = new Router();
    registerApiRoutes(apis, {
      tokens,
      faults,
      directory,
      invoices: new InvoiceService(database, directory, callbacks, options.publicUrl),
      subscriptions,
    });

    const gateway = {
      oidc,
      faults,
      counters,
      nonces,
      clients: {
        redirectUrisFor: (clientId: string) =>
          options.clients.find((client) => client.clientId === clientId)?.redirectUris,
      },
    };

    handle = async (req, res) => {
      const url = new URL(req.url ?? "/", options.publicUrl);
      if (options.logRequests) console.log(`[sandbox] ${req.method} ${url.pathname}`);
      if (faults.outage && !url.pathname.startsWith("/control/")) {
        req.socket.destroy();
        return;
      }
      apiRequests.record(req, url);
      if (await routeToProvider(req, res, url, gateway)) return;

      const context = { req, res, url };
      const routers = url.pathname.startsWith("/control/") ? [controlApi, pages] : [apis, pages];
      for (const router of routers) {
        const handled = await router.dispatch(context);
        if (handled === true) return;
        if (handled === "method-not-allowed") return sendEmpty(res, 405);
      }
      sendEmpty(res, 404);
    };

    callbacks.start();
    maintenance = setInterval(() => {
      Promise.all([purgeExpiredOidcModels(database), accessTokenLedger.purgeExpired()]).catch(logError);
    }, MAINTENANCE_INTERVAL_MS);
    maintenance.unref();
  } catch (error) {
    await close();
    throw error;
  }

  return { url: publicUrl, issuer: options.issuer, options, close };
}
