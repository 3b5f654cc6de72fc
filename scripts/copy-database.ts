/**
 * `npm run db:copy -- --from file:./.data/console.db --to postgresql://…`:
 * moves a demo install to PostgreSQL without losing merchants, token sets or
 * audit history. Run `DATABASE_URL=<target> npm run db:deploy` first; keep
 * TOKEN_ENCRYPTION_KEYS unchanged so the copied token sets still decrypt.
 */
import { parseArgs } from "node:util";

import { copyDatabase } from "@/lib/db/copy-database";
import { createPrismaClient } from "@/lib/db/create-client";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
if (!values.from || !values.to) {
  console.error("Usage: npm run db:copy -- --from <source DATABASE_URL> --to <target DATABASE_URL>");
  process.exit(2);
}
const source = createPrismaClient(values.from);
const target = createPrismaClient(values.to);
try {
  const report = await copyDatabase(source, target);
  for (const [table, rows] of Object.entries(report)) console.log(`${table.padEnd(18)} ${rows}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await source.$disconnect();
  await target.$disconnect();
}
