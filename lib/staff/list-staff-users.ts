import "server-only";

import { getDb } from "@/lib/db/client";

export async function listStaffUsers() {
  return getDb().staffUser.findMany({
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true },
  });
}
