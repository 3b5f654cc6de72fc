/**
 * MobilePay's APIs run on ASP.NET, which binds JSON properties case-insensitively: the docs show
 * PascalCase, the OpenAPI files camelCase, and both work. This reads a property either way.
 */
export class CaseInsensitiveFields {
  private readonly byLowerName = new Map<string, unknown>();

  constructor(source: unknown) {
    if (source && typeof source === "object" && !Array.isArray(source)) {
      for (const [key, value] of Object.entries(source)) this.byLowerName.set(key.toLowerCase(), value);
    }
  }

  get(name: string): unknown {
    return this.byLowerName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    const value = this.get(name);
    return value !== undefined && value !== null;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
