import { createHash } from "node:crypto";
import type { SandboxTransaction } from "@/db/sandbox-schema";
import { formatRupees } from "@/lib/money";
import { html, SafeHtml } from "./html";
import type { FieldErrors, PaymentForm } from "./payment-choice";
import { SAMPLE_CARD_DETAILS, TEST_BANKS, TEST_CARDS, TEST_VPAS, type PaymentMethod } from "./test-inputs";

// The gateway's payment page, shown in the checkout overlay's iframe. Plain
// server-rendered HTML (the gateway is not the shop: no shop layout, no React), usable
// without JavaScript; the little script there is only progress feedback.

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1917;background:#fafaf9}
.banner{margin:0;padding:.5rem 1rem;text-align:center;font-weight:700;letter-spacing:.05em;color:#1c1917;
  background:repeating-linear-gradient(135deg,#facc15 0 14px,#fde047 14px 28px);border-bottom:2px solid #1c1917}
main{max-width:30rem;margin:0 auto;padding:1rem}
h1{font-size:1.25rem;margin:.25rem 0}
.summary{margin:0;color:#44403c}
.amount{font-size:1.5rem;font-weight:700;color:#1c1917}
nav ul{display:flex;gap:.5rem;list-style:none;padding:0;margin:1rem 0}
nav li{flex:1}
nav a{display:block;text-align:center;padding:.6rem .25rem;border:1px solid #a8a29e;border-radius:.5rem;color:inherit;text-decoration:none;background:#fff}
nav a[aria-current=page]{background:#1d4ed8;border-color:#1d4ed8;color:#fff;font-weight:600}
label{display:block;font-weight:600;margin-top:.9rem}
input,select{display:block;width:100%;margin-top:.25rem;font:inherit;padding:.6rem;border:1px solid #78716c;border-radius:.5rem;background:#fff}
[aria-invalid=true]{border:2px solid #b91c1c}
.error{margin:.25rem 0 0;color:#b91c1c;font-size:.9rem}
.alert{margin:1rem 0 0;padding:.75rem;border-radius:.5rem;background:#fee2e2;color:#7f1d1d}
.row{display:flex;gap:.75rem}
.row>div{flex:1;min-width:0}
.pay{display:block;width:100%;margin-top:1.25rem;padding:.8rem;border:0;border-radius:.5rem;background:#1d4ed8;color:#fff;font:inherit;font-weight:700;cursor:pointer}
.pay:disabled{background:#57534e;cursor:progress}
.cancel{display:block;margin:1rem auto 0;padding:.5rem;border:0;background:none;color:#44403c;font:inherit;text-decoration:underline;cursor:pointer}
details{margin-top:1.5rem;padding:.75rem;border:1px dashed #a8a29e;border-radius:.5rem;background:#fff}
summary{font-weight:600;cursor:pointer}
.tests{font-size:.9rem;margin:.5rem 0 0;padding-left:1.1rem}
code{font-size:.95em}
:focus-visible{outline:3px solid #f97316;outline-offset:2px}
`;

const PROGRESS_SCRIPT = `document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var button = form.querySelector("button");
    if (button) { button.disabled = true; button.textContent = "Processing…"; }
  });
});`;

// The return page posts the result to the merchant as soon as it loads.
const RETURN_SCRIPT = 'document.getElementById("return-form").submit();';

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

/**
 * The hashes of every inline script and style these pages hold, for their Content-Security-Policy
 * (lib/security-headers.ts): they are constants of this file, so the page needs no nonce.
 */
export const INLINE_HASHES = { scripts: [PROGRESS_SCRIPT, RETURN_SCRIPT].map(sha256), styles: [STYLE].map(sha256) };

// STYLE and the scripts are constants of this file, so they go in unescaped.
function page(title: string, body: SafeHtml, script?: string): SafeHtml {
  return html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Atom sandbox</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<p class="banner" role="note" data-testid="sandbox-banner">SANDBOX · test payments only, no real money moves</p>
${body}
${script === undefined ? "" : html`<script>${new SafeHtml(script)}</script>`}
</body>
</html>`;
}

const METHOD_LABELS: Record<PaymentMethod, string> = { card: "Card", upi: "UPI", netbanking: "Net banking" };

function field(
  name: keyof FieldErrors & keyof PaymentForm,
  label: string,
  errors: FieldErrors,
  input: (attributes: SafeHtml) => SafeHtml,
): SafeHtml {
  const error = errors[name];
  const attributes = html`id="${name}" name="${name}"${error === undefined ? "" : html` aria-invalid="true" aria-describedby="${name}-error"`}`;
  return html`<div>
<label for="${name}">${label}</label>
${input(attributes)}
${error === undefined ? "" : html`<p class="error" id="${name}-error">${error}</p>`}
</div>`;
}

function cardForm(values: PaymentForm, errors: FieldErrors, payLabel: string): SafeHtml {
  return html`<form method="post" novalidate data-progress>
<input type="hidden" name="method" value="card">
${field("cardNumber", "Card number", errors, (a) => html`<input ${a} inputmode="numeric" autocomplete="cc-number" placeholder="4111 1111 1111 1111" value="${values.cardNumber ?? ""}" data-testid="card-number">`)}
<div class="row">
${field("cardExpiry", "Expiry (MM/YY)", errors, (a) => html`<input ${a} inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" value="${values.cardExpiry ?? ""}" data-testid="card-expiry">`)}
${field("cardCvv", "CVV", errors, (a) => html`<input ${a} inputmode="numeric" autocomplete="cc-csc" maxlength="4" value="" data-testid="card-cvv">`)}
</div>
${field("cardName", "Name on card", errors, (a) => html`<input ${a} autocomplete="cc-name" value="${values.cardName ?? ""}" data-testid="card-name">`)}
<button class="pay" type="submit" data-testid="pay-button">${payLabel}</button>
</form>`;
}

function upiForm(values: PaymentForm, errors: FieldErrors, payLabel: string): SafeHtml {
  return html`<form method="post" novalidate data-progress>
<input type="hidden" name="method" value="upi">
${field("vpa", "UPI ID (VPA)", errors, (a) => html`<input ${a} autocomplete="off" autocapitalize="none" spellcheck="false" placeholder="name@bank" value="${values.vpa ?? ""}" data-testid="upi-vpa">`)}
<button class="pay" type="submit" data-testid="pay-button">${payLabel}</button>
</form>`;
}

function netBankingForm(values: PaymentForm, errors: FieldErrors, payLabel: string): SafeHtml {
  return html`<form method="post" novalidate data-progress>
<input type="hidden" name="method" value="netbanking">
${field(
  "bankId",
  "Your bank",
  errors,
  (a) => html`<select ${a} data-testid="bank-select">
<option value="">Choose your bank</option>
${TEST_BANKS.map((bank) => html`<option value="${bank.id}"${String(bank.id) === values.bankId ? html` selected` : ""}>${bank.name}</option>`)}
</select>`,
)}
<button class="pay" type="submit" data-testid="pay-button">${payLabel}</button>
</form>`;
}

function testInputs(): SafeHtml {
  return html`<details>
<summary>Sandbox test inputs</summary>
<p><strong>Cards</strong> (any future expiry such as ${SAMPLE_CARD_DETAILS.expiry}, any 3-digit CVV, any name):</p>
<ul class="tests">${TEST_CARDS.map((card) => html`<li><code>${card.number.replace(/(\d{4})(?=\d)/g, "$1 ")}</code>: ${card.description}</li>`)}</ul>
<p><strong>UPI IDs</strong>:</p>
<ul class="tests">${TEST_VPAS.map((vpa) => html`<li><code>${vpa.vpa}</code>: ${vpa.description}</li>`)}</ul>
<p><strong>Net banking</strong>: every bank succeeds except “${TEST_BANKS.find((bank) => bank.outcome === "declined")?.name ?? ""}”.</p>
</details>`;
}

export interface PaymentPageModel {
  transaction: SandboxTransaction;
  method: PaymentMethod;
  methods: PaymentMethod[];
  values: PaymentForm;
  errors: FieldErrors;
}

export function renderPaymentPage({ transaction, method, methods, values, errors }: PaymentPageModel): SafeHtml {
  const amount = formatRupees(transaction.amount);
  const payLabel = `Pay ${amount}`;
  const forms = { card: cardForm, upi: upiForm, netbanking: netBankingForm };
  const hasErrors = Object.keys(errors).length > 0;
  return page(
    "Payment",
    html`<main>
<h1>Complete your payment</h1>
<p class="summary">Merchant ${transaction.merchId} · reference <code>${transaction.merchTxnId}</code></p>
<p class="summary">Amount <span class="amount" data-testid="payment-amount">${amount}</span></p>
${hasErrors ? html`<p class="alert" role="alert">${errors.method ?? "Please correct the fields marked below."}</p>` : ""}
${
  methods.length > 1
    ? html`<nav aria-label="Payment method"><ul>${methods.map(
        (candidate) =>
          html`<li><a href="?method=${candidate}" data-testid="${candidate}-tab"${candidate === method ? html` aria-current="page"` : ""}>${METHOD_LABELS[candidate]}</a></li>`,
      )}</ul></nav>`
    : html`<h2>${METHOD_LABELS[method]}</h2>`
}
${forms[method](values, errors, payLabel)}
<form method="post" data-progress>
<input type="hidden" name="action" value="cancel">
<button class="cancel" type="submit" data-testid="cancel-button">Cancel payment and return to the merchant</button>
</form>
${testInputs()}
</main>`,
    PROGRESS_SCRIPT,
  );
}

/** After the payment: post the signed result to the merchant's returnUrl in the top window. */
export function renderReturnPage(options: {
  transaction: SandboxTransaction;
  returnUrl: string;
  encData: string;
  autoSubmit: boolean;
}): SafeHtml {
  const { transaction } = options;
  const headline =
    transaction.status === "success"
      ? "Payment successful"
      : transaction.status === "pending"
        ? "Payment pending with your bank"
        : transaction.statusCode === "OTS0101"
          ? "Payment cancelled"
          : "Payment failed";
  return page(
    headline,
    html`<main>
<h1 data-testid="payment-result">${headline}</h1>
<p class="summary">${transaction.statusDescription ?? ""}</p>
<form id="return-form" method="post" action="${options.returnUrl}" target="_top">
<input type="hidden" name="encData" value="${options.encData}">
<input type="hidden" name="merchId" value="${transaction.merchId}">
${options.autoSubmit ? html`<p role="status">Taking you back to the merchant…</p>` : ""}
<button class="pay" type="submit" data-testid="return-button">Return to the merchant</button>
</form>
</main>`,
    options.autoSubmit ? RETURN_SCRIPT : undefined,
  );
}

export function renderMessagePage(title: string, message: string): SafeHtml {
  return page(title, html`<main><h1>${title}</h1><p role="alert">${message}</p></main>`);
}
