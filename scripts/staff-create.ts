/**
 * `npm run staff:create -- --email a@b.c --name "Ada" --role admin`: creates a
 * staff member, e.g. the first admin of a production install. The password is
 * read from STAFF_PASSWORD or asked for without echo.
 */
import { parseArgs } from "node:util";

import { readHiddenLine } from "./read-hidden-line";

import { createStaffUser } from "@/lib/staff/create-staff-user";
import { ZCreateStaffUserSchema } from "@/lib/staff/staff-schemas";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } },
});
const password = process.env.STAFF_PASSWORD ?? (await readHiddenLine("Password (at least 12 characters): "));
const parsed = ZCreateStaffUserSchema.safeParse({ ...values, password });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
  process.exit(2);
}
try {
  const staff = await createStaffUser({ input: parsed.data, actor: { type: "system", label: "staff:create" } });
  console.log(`Created ${staff.role} ${staff.email}.`);
} catch (error) {
  console.error(error instanceof Error && "userMessage" in error ? String(error.userMessage) : error);
  process.exit(1);
}
