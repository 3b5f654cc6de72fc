import { isPlainObject } from "../case-insensitive-fields";

function pascalCase(name: string): string {
  return name
    .split(/[_-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/**
 * Reads a snake_case request body and collects messages the way the Subscriptions API words them,
 * e.g. "request.Plan is required".
 */
export class RequestFields {
  readonly problems: string[] = [];
  private readonly source: Record<string, unknown>;

  constructor(
    source: unknown,
    private readonly prefix = "request.",
  ) {
    this.source = isPlainObject(source) ? source : {};
    if (!isPlainObject(source)) this.problems.push(`${prefix.replace(/\.$/, "")} must be a JSON object`);
  }

  private label(name: string): string {
    return `${this.prefix}${pascalCase(name)}`;
  }

  problem(name: string, text: string): undefined {
    this.problems.push(`${this.label(name)} ${text}`);
    return undefined;
  }

  raw(name: string): unknown {
    return this.source[name];
  }

  string(
    name: string,
    { required = false, min = 0, max }: { required?: boolean; min?: number; max?: number } = {},
  ): string | undefined {
    const value = this.source[name];
    if (value === undefined || value === null) return required ? this.problem(name, "is required") : undefined;
    if (typeof value !== "string") return this.problem(name, "must be a string");
    if (required && value.length === 0) return this.problem(name, "is required");
    if (value.length < min) return this.problem(name, `must be at least ${min} characters`);
    if (max !== undefined && value.length > max) return this.problem(name, `must be at most ${max} characters`);
    return value;
  }

  number(
    name: string,
    {
      required = false,
      min,
      max,
      exclusiveMin,
    }: { required?: boolean; min?: number; max?: number; exclusiveMin?: number } = {},
  ): number | undefined {
    const value = this.source[name];
    if (value === undefined || value === null) return required ? this.problem(name, "is required") : undefined;
    // Amounts arrive as numbers or as "0.00" strings; both are accepted, as MobilePay's examples mix them.
    const parsed =
      typeof value === "number"
        ? value
        : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)
          ? Number(value)
          : NaN;
    if (!Number.isFinite(parsed)) return this.problem(name, "must be a number");
    if (min !== undefined && parsed < min) return this.problem(name, `must be at least ${min}`);
    if (exclusiveMin !== undefined && parsed <= exclusiveMin)
      return this.problem(name, `must be greater than ${exclusiveMin}`);
    if (max !== undefined && parsed > max) return this.problem(name, `must be at most ${max}`);
    return parsed;
  }

  integer(name: string, options: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const value = this.number(name, options);
    if (value !== undefined && !Number.isInteger(value)) return this.problem(name, "must be a whole number");
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.source[name];
    if (value === undefined || value === null) return undefined;
    return typeof value === "boolean" ? value : this.problem(name, "must be true or false");
  }

  oneOf<T extends string | number>(
    name: string,
    allowed: readonly T[],
    { required = false }: { required?: boolean } = {},
  ): T | undefined {
    const value = this.source[name];
    if (value === undefined || value === null) return required ? this.problem(name, "is required") : undefined;
    return allowed.includes(value as T) ? (value as T) : this.problem(name, `must be one of ${allowed.join(", ")}`);
  }

  date(name: string, { required = false }: { required?: boolean } = {}): string | undefined {
    const value = this.string(name, { required });
    if (value === undefined) return undefined;
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
      ? value
      : this.problem(name, "must be a date (yyyy-MM-dd)");
  }
}

/** Callback URLs must be https; the sandbox also allows http on loopback so local receivers work. */
export function isAcceptableCallbackUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export const HTTPS_REQUIRED_MESSAGE = "The hyperlink reference must use https scheme";
