/**
 * Runs once when a server instance starts: a bad configuration stops the app
 * here, with a message naming the variable, instead of on the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV === "production") {
    // Installed first, so the stamp below comes before it as before everything else.
    const { serveProxyDirectly } = await import("@/lib/api/direct-proxy-route");
    serveProxyDirectly();
  }
  // Before anything else, so sign-in can count attempts under the address that really connected.
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  stampPeerAddresses();
  const { startServerInstance } = await import("@/lib/server-instance/start-server-instance");
  await startServerInstance();
}
