import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// PostgreSQL system types that the schema engine's introspection selects but
// the adapter cannot deserialize; they carry plain text.
const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Field = { dataTypeID: number };
type Queryable = { performIO(query: unknown): Promise<{ fields: Field[] }> };

let patched = false;

/** Reads `name` and `"char"` columns as text in every queryable of the adapter (CLI only). */
function readSystemTypesAsText(adapter: SqlDriverAdapter): void {
  if (patched) return;
  const queryablePrototype = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable;
  const performIO = queryablePrototype.performIO;
  queryablePrototype.performIO = async function (this: Queryable, query: unknown) {
    const result = await performIO.call(this, query);
    for (const field of result.fields) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  patched = true;
}

/**
 * The PostgreSQL driver adapter as the Prisma CLI (WebAssembly schema engine)
 * uses it. Given discrete connection settings rather than a connection string,
 * so the shadow database `migrate dev` creates is a different database.
 */
export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const parsed = new URL(url);
  const factory = new PrismaPg({
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password) || undefined,
    database: parsed.pathname.replace(/^\//, "") || "postgres",
    ssl: parsed.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: true } : undefined,
  });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    readSystemTypesAsText(adapter);
    return adapter;
  };
  return factory;
}
