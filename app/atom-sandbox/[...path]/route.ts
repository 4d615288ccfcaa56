import { getSandboxService, isSandboxMode } from "@/lib/atom-sandbox/app-sandbox";

export const dynamic = "force-dynamic";

/** The embedded Atom gateway (lib/atom-sandbox): every path under /atom-sandbox, sandbox mode only. */
async function handle(request: Request): Promise<Response> {
  if (!isSandboxMode()) return new Response("Not found", { status: 404 });
  const sandbox = await getSandboxService();
  return sandbox.handle(request);
}

export { handle as DELETE, handle as GET, handle as POST };
