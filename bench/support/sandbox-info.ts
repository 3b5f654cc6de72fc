/**
 * What a bench process needs to know about the sandbox it started. It comes from the sandbox process, so
 * the bench process never loads the sandbox (oidc-provider and all) into its own memory.
 */
export type SandboxInfo = {
  url: string;
  dataDir: string;
  /** The console's OIDC client, registered with the console's redirect URI on localhost:3000. */
  client: { clientId: string; clientSecret: string; redirectUri: string };
  controlToken: string;
  /** A portal user and the merchant VAT they consent for. */
  user: { email: string; password: string; merchantVat: string };
};
