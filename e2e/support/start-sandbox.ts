/**
 * Starts the sandbox for the e2e suite with nothing remembered from an earlier run: merchants' grants live in
 * its data folder, and a grant left by another run lets a merchant skip the consent screen a spec expects.
 */
import { rmSync } from "node:fs";

const dataDir = process.env.SANDBOX_DATA_DIR;
if (!dataDir) throw new Error("SANDBOX_DATA_DIR must name the e2e sandbox's own folder");
rmSync(dataDir, { recursive: true, force: true });
await import("../../sandbox/server");
