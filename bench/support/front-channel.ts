import { Browser } from "../../sandbox/test/support/browser";
import { freshSecrets, linkMerchant, type PkceAndNonce } from "../../sandbox/test/support/hybrid-flow";
import { GRANTED_SCOPE } from "./sandbox-grants";
import type { SandboxInfo } from "./sandbox-info";

export type FrontChannelResponse = { secrets: PkceAndNonce; form: URLSearchParams };

/**
 * A merchant user consenting at the sandbox portal, once per call. The browser keeps its portal session
 * and the grant is remembered, so after the first call each one is a single authorize round trip that
 * answers with the form_post the console receives.
 */
export function createFrontChannel(sandbox: SandboxInfo) {
  const browser = new Browser(sandbox.url);
  return async function authorize(): Promise<FrontChannelResponse> {
    const secrets = freshSecrets();
    const link = await linkMerchant(sandbox.url, {
      email: sandbox.user.email,
      password: sandbox.user.password,
      client: sandbox.client,
      merchantVat: sandbox.user.merchantVat,
      scope: GRANTED_SCOPE,
      browser,
      secrets,
    });
    return { secrets, form: link.response.params };
  };
}
