import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/merchants/relative-time";

const CLAIM_MEANINGS: Record<string, string> = {
  iss: "Issuer: who vouches for the token",
  sub: "The MobilePay portal user who consented",
  aud: "Audience: who the token is meant for",
  exp: "Expires",
  iat: "Issued",
  nbf: "Not valid before",
  auth_time: "When the portal user logged in",
  nonce: "Binds the id_token to this console's request",
  c_hash: "Hash of the authorization code",
  at_hash: "Hash of the access token",
  amr: "How the portal user authenticated",
  merchant_id: "MobilePay's id of the merchant",
  merchant_vat: "The merchant's VAT number",
  scope: "Granted products",
  client_id: "The integrator's client id",
  azp: "Authorized party",
  idp: "Identity provider",
  sid: "Portal session id",
  jti: "Token id",
};

const TIME_CLAIMS = new Set(["exp", "iat", "nbf", "auth_time"]);

function render(name: string, value: unknown) {
  if (TIME_CLAIMS.has(name) && typeof value === "number") {
    const iso = new Date(value * 1000).toISOString();
    return name === "exp" ? <RelativeTime iso={iso} /> : <LocalTime iso={iso} />;
  }
  if (Array.isArray(value)) return value.join(" ");
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Decoded token claims with a one-line meaning each. Claims are not secrets; the token itself is never shown. */
export function ClaimsTable({ title, claims }: { title: string; claims: Record<string, unknown> }) {
  if ("error" in claims && Object.keys(claims).length === 1) {
    return (
      <p className="text-sm text-red-700">
        {title}: cannot decode ({String(claims.error)})
      </p>
    );
  }
  return (
    <table aria-label={title} className="w-full text-sm">
      <tbody className="divide-y divide-slate-100">
        {Object.entries(claims).map(([name, value]) => (
          <tr key={name}>
            <th
              scope="row"
              className="w-32 py-1.5 pr-3 text-left align-top font-mono text-xs font-medium text-slate-700"
            >
              {name}
            </th>
            <td className="py-1.5 align-top break-all text-slate-900">
              {render(name, value)}
              {CLAIM_MEANINGS[name] ? <div className="text-xs text-slate-500">{CLAIM_MEANINGS[name]}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
