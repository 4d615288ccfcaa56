// Runs once when a server instance starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: from now on every request carries its connection's own address (lib/client-address.ts).
    (await import("./lib/client-address")).installPeerAddressHook();
    const { prepareServer } = await import("./lib/server-start");
    await prepareServer();
  }
}
