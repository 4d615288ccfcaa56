// Runs once when a server instance starts (Next's instrumentation hook). Requests wait for
// it, so it returns once the configuration is valid; the database, the sandbox and the jobs
// are prepared in the background while /api/health says what the server is doing.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: from now on every request carries its connection's own address (lib/client-address.ts).
    (await import("./lib/client-address")).installPeerAddressHook();
    const { prepareServer } = await import("./lib/server-start");
    await prepareServer();
  }
}
