import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@prisma/client";

/**
 * Ciphertext columns are omitted from every query unless a caller asks for them
 * explicitly, so only the token module ever reads them.
 */
export const SECRET_COLUMNS_OMITTED = {
  merchantTokenSet: {
    accessTokenCiphertext: true,
    refreshTokenCiphertext: true,
    idTokenCiphertext: true,
  },
  staffUser: { passwordHash: true },
} as const;

export function createPrismaClient(databaseUrl: string) {
  const adapter = new PrismaLibSQL({ url: databaseUrl });
  return new PrismaClient({ adapter, omit: SECRET_COLUMNS_OMITTED });
}

export type Database = ReturnType<typeof createPrismaClient>;
