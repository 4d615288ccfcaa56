import { isAtomError, verifyGatewayResult, type AtomConfig } from "@/lib/atom";
import { formatRupees } from "@/lib/money";
import { html, htmlResponse } from "./html";

/**
 * POST /atom-sandbox/test-return: the returnUrl of the sandbox's own test checkout page.
 * It reads the posted encData exactly as the shop's return route would (lib/atom's
 * verifyGatewayResult: decrypt with the response key, verify with the response hash key)
 * and shows the verified result.
 */
export async function serveTestReturn(atom: AtomConfig, request: Request): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  try {
    const payment = await verifyGatewayResult(atom, form.get("encData") ?? "");
    return htmlResponse(html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sandbox return</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem">
<h1>Gateway result (verified)</h1>
<dl>
<dt>Outcome</dt><dd data-testid="return-outcome">${payment.outcome}</dd>
<dt>Status code</dt><dd data-testid="return-status-code">${payment.statusCode} ${payment.description}</dd>
<dt>merchTxnId</dt><dd data-testid="return-merch-txn-id">${payment.merchTxnId}</dd>
<dt>atomTxnId</dt><dd>${payment.atomTxnId}</dd>
<dt>Total paid</dt><dd data-testid="return-total">${formatRupees(payment.totalAmountPaise)}</dd>
<dt>Payment mode</dt><dd>${payment.subChannel ?? "none"}${payment.bankName === null ? "" : ` · ${payment.bankName}`}</dd>
</dl>
<p><a href="/atom-sandbox/test-checkout">Start another test payment</a></p>
</body></html>`);
  } catch (error) {
    const reason = isAtomError(error) ? `${error.name}: ${error.message}` : "the payload could not be read";
    return htmlResponse(
      html`<html lang="en"><head><meta charset="utf-8"><title>Sandbox return</title></head><body>
<h1>Gateway result could not be verified</h1><p role="alert" data-testid="return-error">${reason}</p></body></html>`,
      400,
    );
  }
}
