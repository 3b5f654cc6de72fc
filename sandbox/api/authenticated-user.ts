import type { IncomingMessage } from "node:http";

import type { PortalDirectory, TAppUser } from "../portal/portal-directory";

/** The User Simulation endpoints act as the app user named by the `AuthenticatedUser` header. */
export function authenticatedAppUser(req: IncomingMessage, directory: PortalDirectory): TAppUser | undefined {
  const header = req.headers.authenticateduser;
  return typeof header === "string" ? directory.appUserById(header.trim().toLowerCase()) : undefined;
}
