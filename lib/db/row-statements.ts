import { boundValues } from "@/lib/db/bind-marker";

/** SQL text with its bound values, in the order their markers appear (SQLite binds by order). */
export type SqlStatement = { text: string; values: unknown[] };

type Row = Readonly<Record<string, unknown>>;

/** A table or column name as SQL text; names come from code, never from input. */
export const quotedName = (name: string) => `"${name}"`;

/**
 * `INSERT INTO "Table" ("a", "b") VALUES (…), (…)` with every value bound. The columns are those of the
 * first row. Table and column names come from code, never from input.
 */
export function insertStatement(table: string, rows: readonly Row[]): SqlStatement {
  const columns = Object.keys(rows[0] ?? {});
  if (columns.length === 0) throw new Error(`An insert into ${table} needs a row with columns.`);
  const { values, bind } = boundValues();
  const tuples = rows.map((row) => `(${columns.map((column) => bind(row[column])).join(", ")})`);
  return {
    text: `INSERT INTO ${quotedName(table)} (${columns.map(quotedName).join(", ")}) VALUES ${tuples.join(", ")}`,
    values,
  };
}

/** `UPDATE "Table" SET "a" = …, … WHERE "k" = … AND …` with every value bound; `where` must not hold nulls. */
export function updateStatement(table: string, set: Row, where: Row): SqlStatement {
  const { values, bind } = boundValues();
  const assign = (column: string, value: unknown) => `${quotedName(column)} = ${bind(value)}`;
  const assignments = Object.entries(set).map(([column, value]) => assign(column, value));
  const conditions = Object.entries(where).map(([column, value]) => {
    if (value === null || value === undefined) throw new Error(`${table}.${column} cannot be matched against null.`);
    return assign(column, value);
  });
  if (assignments.length === 0 || conditions.length === 0)
    throw new Error(`An update of ${table} needs columns and a condition.`);
  return {
    text: `UPDATE ${quotedName(table)} SET ${assignments.join(", ")} WHERE ${conditions.join(" AND ")}`,
    values,
  };
}
