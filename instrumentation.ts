/**
 * Runs once when a server instance starts: a bad configuration stops the app
 * here, with a message naming the variable, instead of on the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  const { InvalidEnvironmentError } = await import("@/lib/config/env-schema");
  try {
    getEnv();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
