import { z } from "zod";

/** Far above any real code, id_token or state, yet small enough that a hostile body cannot grow our records. */
export const MAX_CALLBACK_VALUE_BYTES = 8 * 1024;

/** A genuine response has a handful of parameters; hundreds mean someone is probing the endpoint. */
const MAX_CALLBACK_PARAMETERS = 32;

export type CallbackParams =
  | { kind: "success"; code: string; idToken: string; state: string; iss?: string; sessionState?: string }
  | { kind: "error"; error: string; errorDescription?: string; state?: string }
  | { kind: "downgrade"; state?: string }
  | { kind: "malformed"; reason: string };

export type CallbackInput = URLSearchParams | Record<string, string | readonly string[] | undefined>;

/** RFC 6749 §4.1.2.1 limits error and error_description to printable ASCII without '"' and '\'. */
const OAUTH_ERROR_TEXT = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;

const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const successSchema = z.object({
  code: z.string().min(1),
  id_token: z.string().regex(JWS_COMPACT, "id_token is not a compact JWS"),
  state: z.string().min(1, "state is missing"),
  iss: z.string().optional(),
  session_state: z.string().optional(),
});

const errorSchema = z.object({
  error: z.string().regex(OAUTH_ERROR_TEXT, "error contains characters outside RFC 6749's set"),
  error_description: z.string().regex(OAUTH_ERROR_TEXT).optional(),
  state: z.string().optional(),
});

/** Parameters that only an implicit-style response carries; this console never asks for a front-channel token. */
const FORBIDDEN_FRONT_CHANNEL_PARAMETERS = ["access_token", "token"] as const;

/**
 * Classifies the form_post body of an authorization response before anything else trusts it. A body with a code
 * but no id_token is reported as a downgrade rather than malformed, because redeeming that code would skip c_hash.
 */
export function parseCallbackParams(input: CallbackInput): CallbackParams {
  const collected = collectSingleValues(input);
  if ("reason" in collected) return { kind: "malformed", reason: collected.reason };
  const values = collected.values;

  for (const name of FORBIDDEN_FRONT_CHANNEL_PARAMETERS) {
    if (values.has(name)) {
      return { kind: "malformed", reason: `"${name}" arrived in the front channel, but no token was requested there` };
    }
  }

  const record = Object.fromEntries(values);
  if (values.has("error")) {
    if (values.has("code") || values.has("id_token")) {
      return { kind: "malformed", reason: "the response carries both an error and a code or id_token" };
    }
    const parsed = errorSchema.safeParse(record);
    if (!parsed.success) return { kind: "malformed", reason: describeIssues(parsed.error) };
    return {
      kind: "error",
      error: parsed.data.error,
      ...(parsed.data.error_description === undefined ? {} : { errorDescription: parsed.data.error_description }),
      ...(parsed.data.state === undefined ? {} : { state: parsed.data.state }),
    };
  }

  if (values.has("code") && !values.has("id_token")) {
    const state = values.get("state");
    return state === undefined ? { kind: "downgrade" } : { kind: "downgrade", state };
  }
  if (!values.has("code")) {
    return { kind: "malformed", reason: values.has("id_token") ? "id_token without a code" : "neither code nor error" };
  }

  const parsed = successSchema.safeParse(record);
  if (!parsed.success) return { kind: "malformed", reason: describeIssues(parsed.error) };
  return {
    kind: "success",
    code: parsed.data.code,
    idToken: parsed.data.id_token,
    state: parsed.data.state,
    ...(parsed.data.iss === undefined ? {} : { iss: parsed.data.iss }),
    ...(parsed.data.session_state === undefined ? {} : { sessionState: parsed.data.session_state }),
  };
}

/**
 * Flattens the input to one value per name. A repeated parameter is refused (RFC 6749 §3.1: parameters MUST NOT
 * be included more than once) because which copy a framework picks is exactly what a parameter-pollution attack
 * exploits. Empty values count as absent (RFC 6749 §3.1).
 */
function collectSingleValues(input: CallbackInput): { values: Map<string, string> } | { reason: string } {
  const entries: [string, string][] = [];
  if (input instanceof URLSearchParams) {
    for (const [name, value] of input) entries.push([name, value]);
  } else {
    for (const [name, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (typeof value === "string") entries.push([name, value]);
      else for (const item of value) entries.push([name, item]);
    }
  }
  if (entries.length > MAX_CALLBACK_PARAMETERS) {
    return { reason: `${entries.length} parameters, more than the ${MAX_CALLBACK_PARAMETERS} accepted` };
  }
  const seen = new Set<string>();
  const values = new Map<string, string>();
  for (const [name, value] of entries) {
    if (Buffer.byteLength(value, "utf8") > MAX_CALLBACK_VALUE_BYTES) {
      return { reason: `parameter "${safeName(name)}" is larger than ${MAX_CALLBACK_VALUE_BYTES} bytes` };
    }
    if (seen.has(name)) return { reason: `parameter "${safeName(name)}" appears more than once` };
    seen.add(name);
    if (value !== "") values.set(name, value);
  }
  return { values };
}

/** Parameter names are attacker-chosen; keep them short and printable before they reach a record. */
function safeName(name: string): string {
  const printable = name.replace(/[^\x20-\x7E]/g, "?");
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/** Names the failing fields and rules only; zod's messages would not echo values, and neither do ours. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join(".") || "body";
      return issue.code === "invalid_type" ? `${field} is missing` : `${field}: ${issue.message}`;
    })
    .join("; ");
}
