import path from "node:path";

/** Ports and folders of the e2e run, apart from a developer's running `npm run dev`. */
export const E2E_CONSOLE_PORT = Number(process.env.E2E_CONSOLE_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const E2E_CONSOLE_URL = `http://localhost:${E2E_CONSOLE_PORT}`;
// Another site than the console on purpose: MobilePay's form_post callback is a cross-site POST.
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
export const E2E_DATA_DIR = path.join(".data", "e2e");
export const E2E_DATABASE_URL = `file:./${E2E_DATA_DIR}/console.db`;
