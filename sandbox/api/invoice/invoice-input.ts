import { CaseInsensitiveFields, isPlainObject } from "../case-insensitive-fields";
import { normalizePhoneAlias } from "../phone-alias";
import { type InvoiceError, inputError } from "./invoice-errors";

export type InvoiceKind = "Direct" | "Link";

export interface InvoiceArticle {
  ArticleNumber?: string;
  ArticleDescription: string;
  VATRate?: number;
  TotalVATAmount?: number;
  TotalPriceIncludingVat?: number;
  Unit?: string;
  Quantity?: number;
  PricePerUnit?: number;
  PriceReduction?: number;
  PriceDiscount?: number;
  Bonus?: number;
}

export interface InvoiceInput {
  InvoiceIssuer: string;
  ConsumerAlias?: { Alias: string; AliasType: "Phone" };
  ConsumerName?: string;
  TotalAmount: number;
  TotalVatAmount?: number;
  ConsumerAddressLines?: string[];
  DeliveryAddressLines?: string[];
  InvoiceNumber?: string;
  PaymentReference?: string;
  IssueDate?: string;
  OrderDate?: string;
  DeliveryDate?: string;
  DueDate: string;
  Comment?: string;
  MerchantContactName?: string;
  MerchantOrderNumber?: string;
  BuyerOrderNumber?: string;
  InvoiceUrl?: string;
  RedirectUrl?: string;
  InvoiceArticles: InvoiceArticle[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

class FieldReader {
  readonly errors: InvoiceError[] = [];

  constructor(
    private readonly fields: CaseInsensitiveFields,
    private readonly prefix = "",
  ) {}

  private fail(name: string, message?: string): undefined {
    this.errors.push(inputError(`${this.prefix}${name}`, message));
    return undefined;
  }

  string(name: string, { required = false, max }: { required?: boolean; max?: number } = {}): string | undefined {
    const value = this.fields.get(name);
    if (value === undefined || value === null || value === "")
      return required ? this.fail(name, "The field is required") : undefined;
    if (typeof value !== "string") return this.fail(name);
    if (max !== undefined && value.length > max) return this.fail(name, `The field must be at most ${max} characters`);
    return value;
  }

  number(name: string, { required = false }: { required?: boolean } = {}): number | undefined {
    const value = this.fields.get(name);
    if (value === undefined || value === null) return required ? this.fail(name, "The field is required") : undefined;
    const parsed =
      typeof value === "number"
        ? value
        : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)
          ? Number(value)
          : NaN;
    return Number.isFinite(parsed) ? parsed : this.fail(name);
  }

  date(name: string, { required = false }: { required?: boolean } = {}): string | undefined {
    const value = this.string(name, { required });
    if (value === undefined) return undefined;
    const match = DATE.exec(value);
    if (!match?.[1] || Number.isNaN(Date.parse(match[1]))) return this.fail(name);
    return match[1];
  }

  guid(name: string, { required = false }: { required?: boolean } = {}): string | undefined {
    const value = this.string(name, { required });
    if (value === undefined) return undefined;
    return GUID.test(value) ? value.toLowerCase() : this.fail(name);
  }

  strings(name: string): string[] | undefined {
    const value = this.fields.get(name);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((line) => typeof line === "string")) return this.fail(name);
    return value as string[];
  }

  httpsUrl(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    return URL.canParse(value) && new URL(value).protocol === "https:"
      ? value
      : this.fail(name, "Only https URLs are allowed");
  }

  url(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    return URL.canParse(value) ? value : this.fail(name);
  }

  raw(name: string): unknown {
    return this.fields.get(name);
  }

  push(error: InvoiceError): void {
    this.errors.push(error);
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function readArticles(reader: FieldReader): InvoiceArticle[] {
  const raw = reader.raw("InvoiceArticles");
  if (!Array.isArray(raw) || raw.length === 0) {
    reader.push(inputError("InvoiceArticles", "At least one article is required"));
    return [];
  }
  return raw.flatMap((item, index) => {
    const article = new FieldReader(new CaseInsensitiveFields(item), `InvoiceArticles[${index}].`);
    if (!isPlainObject(item)) {
      reader.push(inputError(`InvoiceArticles[${index}]`));
      return [];
    }
    const parsed = withoutUndefined({
      ArticleNumber: article.string("ArticleNumber"),
      ArticleDescription: article.string("ArticleDescription", { required: true }) ?? "",
      VATRate: article.number("VATRate"),
      TotalVATAmount: article.number("TotalVATAmount"),
      TotalPriceIncludingVat: article.number("TotalPriceIncludingVat"),
      Unit: article.string("Unit"),
      Quantity: article.number("Quantity"),
      PricePerUnit: article.number("PricePerUnit"),
      PriceReduction: article.number("PriceReduction"),
      PriceDiscount: article.number("PriceDiscount"),
      Bonus: article.number("Bonus"),
    });
    for (const error of article.errors) reader.push(error);
    return [parsed];
  });
}

function readConsumerAlias(reader: FieldReader, kind: InvoiceKind): InvoiceInput["ConsumerAlias"] {
  const raw = reader.raw("ConsumerAlias");
  if (raw === undefined || raw === null) {
    if (kind === "Direct") reader.push(inputError("ConsumerAlias", "The field is required"));
    return undefined;
  }
  const alias = new FieldReader(new CaseInsensitiveFields(raw), "ConsumerAlias.");
  const phone = alias.string("Alias", { required: true });
  const aliasType = alias.string("AliasType", { required: true });
  for (const error of alias.errors) reader.push(error);
  if (aliasType !== undefined && aliasType !== "Phone")
    reader.push(inputError("ConsumerAlias.AliasType", "Only Phone is supported"));
  const normalized = phone === undefined ? undefined : normalizePhoneAlias(phone);
  if (phone !== undefined && normalized === undefined)
    reader.push(inputError("ConsumerAlias.Alias", "Not a valid phone number"));
  return normalized ? { Alias: normalized, AliasType: "Phone" } : undefined;
}

/** Shape checks of InvoiceInputModel / InvoiceLinkInputModel; failures are InputErrors (HTTP 400). */
export function parseInvoiceInput(
  body: unknown,
  kind: InvoiceKind,
): { input: InvoiceInput } | { errors: InvoiceError[] } {
  if (!isPlainObject(body)) return { errors: [inputError("input", "A JSON object is required")] };
  const reader = new FieldReader(new CaseInsensitiveFields(body));
  const input = withoutUndefined<InvoiceInput>({
    InvoiceIssuer: reader.guid("InvoiceIssuer", { required: true }) ?? "",
    ConsumerAlias: readConsumerAlias(reader, kind),
    ConsumerName: reader.string("ConsumerName"),
    TotalAmount: reader.number("TotalAmount", { required: true }) ?? 0,
    TotalVatAmount: reader.number("TotalVatAmount"),
    ConsumerAddressLines: reader.strings("ConsumerAddressLines"),
    DeliveryAddressLines: reader.strings("DeliveryAddressLines"),
    InvoiceNumber: reader.string("InvoiceNumber"),
    PaymentReference: reader.string("PaymentReference", { max: 60 }),
    IssueDate: reader.date("IssueDate"),
    OrderDate: reader.date("OrderDate"),
    DeliveryDate: reader.date("DeliveryDate"),
    DueDate: reader.date("DueDate", { required: true }) ?? "",
    Comment: reader.string("Comment"),
    MerchantContactName: reader.string("MerchantContactName"),
    MerchantOrderNumber: reader.string("MerchantOrderNumber"),
    BuyerOrderNumber: reader.string("BuyerOrderNumber"),
    InvoiceUrl: reader.httpsUrl("InvoiceUrl"),
    RedirectUrl: kind === "Link" ? reader.url("RedirectUrl") : undefined,
    InvoiceArticles: readArticles(reader),
  });
  if (input.InvoiceNumber === undefined && input.PaymentReference === undefined) {
    reader.push(inputError("InvoiceNumber", "InvoiceNumber or PaymentReference is required"));
  }
  return reader.errors.length ? { errors: reader.errors } : { input };
}
