import bcrypt from "bcryptjs";

import { createPrismaClient } from "@/lib/db/create-client";
import { DEFAULT_DATABASE_URL } from "@/lib/db/database-url";

import { DEMO_STAFF } from "./demo-staff";

async function main(): Promise<void> {
  if (process.env.NODE_ENV === "production") {
    console.error("Refusing to seed demo staff with published passwords in production. Use `npm run staff:create`.");
    process.exit(1);
  }
  const db = createPrismaClient(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  let created = 0;
  for (const staff of DEMO_STAFF) {
    const exists = await db.staffUser.findUnique({ where: { email: staff.email } });
    if (exists) continue;
    await db.staffUser.create({
      data: {
        email: staff.email,
        name: staff.name,
        role: staff.role,
        passwordHash: await bcrypt.hash(staff.password, 12),
      },
    });
    await db.auditEvent.create({
      data: {
        actorType: "system",
        actorLabel: "seed",
        action: "staff.created",
        details: JSON.stringify({ email: staff.email, role: staff.role }),
      },
    });
    created += 1;
  }
  console.log(`Demo staff ready (${created} created, ${DEMO_STAFF.length - created} already present).`);
  await db.$disconnect();
}

await main();
