/**
 * One error model for the console: a stable code, a message for logs and a
 * separate message that is safe to show to staff. Mapped to HTTP in one place.
 */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "CROSS_SITE_REQUEST"
  | "RATE_LIMITED"
  | "UPSTREAM_UNAVAILABLE"
  | "INTERNAL";

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  CROSS_SITE_REQUEST: 403,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 502,
  INTERNAL: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly userMessage: string;
  readonly fieldErrors?: FieldErrors;

  constructor(
    readonly code: AppErrorCode,
    options: { message?: string; userMessage?: string; fieldErrors?: FieldErrors } = {},
  ) {
    super(options.message ?? options.userMessage ?? code);
    this.name = "AppError";
    this.userMessage = options.userMessage ?? "Something went wrong.";
    this.fieldErrors = options.fieldErrors;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** The JSON body every failing console API answers with. */
export type ErrorBody = { error: { code: AppErrorCode; message: string; fieldErrors?: FieldErrors } };

export function toErrorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.userMessage, fieldErrors: error.fieldErrors } };
}
