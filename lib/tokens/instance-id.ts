import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Names this process in leases, so a lease shows which instance holds it. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
