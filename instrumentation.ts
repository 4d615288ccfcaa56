// Runs once when a server instance starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("./lib/server-start");
    await prepareServer();
  }
}
