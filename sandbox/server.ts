import { optionsFromEnv } from "./config/options-from-env";
import { PortInUseError, startSandbox } from "./app";

async function main(): Promise<void> {
  const { options, notices } = await optionsFromEnv(process.env, process.cwd());
  for (const notice of notices) console.warn(`[sandbox] ${notice}`);
  const sandbox = await startSandbox(options);
  console.log(`[sandbox] MobilePay sandbox listening on ${sandbox.url}`);
  console.log(
    `[sandbox] discovery: ${sandbox.url}/merchant-authentication-openidconnect/.well-known/openid-configuration`,
  );
  console.log(`[sandbox] issuer: ${sandbox.issuer}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[sandbox] ${signal} received, shutting down`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) {
    console.error(`[sandbox] ${error.message}`);
  } else {
    console.error("[sandbox] failed to start:", error);
  }
  process.exit(1);
});
