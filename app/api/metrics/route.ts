import { metricsReader } from "@/lib/auth/authorize";
import { processJobContext } from "@/lib/jobs/job-context";
import { updateShopGauges } from "@/lib/jobs/update-shop-gauges";
import { withRequestLogContext } from "@/lib/log-context";
import { getMetrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Prometheus metrics (text exposition format) for `Authorization: Bearer <METRICS_TOKEN>`
 * or an admin's session; anyone else is refused and learns nothing.
 */
export async function GET(request: Request) {
  return withRequestLogContext(request.headers, () => answer(request));
}

async function answer(request: Request): Promise<Response> {
  const reader = await metricsReader(request.headers);
  if (reader !== "allowed")
    return Response.json(
      { error: "Metrics need an admin session or Authorization: Bearer <METRICS_TOKEN>." },
      {
        status: reader === "anonymous" ? 401 : 403,
        headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="metrics"' },
      },
    );
  const { registry } = getMetrics();
  await updateShopGauges(processJobContext);
  return new Response(await registry.metrics(), { headers: { ...NO_STORE, "Content-Type": registry.contentType } });
}
