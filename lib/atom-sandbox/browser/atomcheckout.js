/*
 * The embedded Atom sandbox's stand-in for the gateway's atomcheckout.js, with the
 * same contract:
 *
 *   new AtomPaynetz({ atomTokenId, merchId, custEmail, custMobile, returnUrl }, "uat" | "prod")
 *
 * opens the payment page as an overlay (an iframe in a modal dialog). The payment page
 * itself sends the browser to returnUrl when the payment ends. Closing the overlay
 * means the shopper abandoned the payment: no callback is sent, and the merchant's
 * window receives the message "cancelTransaction", as merchants of the real script expect.
 */
(function () {
  "use strict";
  if (typeof window.AtomPaynetz === "function") return; // the script was loaded twice

  var scriptUrl = (document.currentScript && document.currentScript.src) || window.location.href;
  var PAY_PAGE = new URL("/atom-sandbox/pay/", scriptUrl).href;
  var STYLE_ID = "atom-sandbox-checkout-style";
  var STYLE =
    ".atom-sbx-backdrop{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;background:rgba(28,25,23,.6)}" +
    ".atom-sbx-dialog{display:flex;flex-direction:column;width:100%;height:100%;background:#fff}" +
    "@media (min-width:640px){.atom-sbx-dialog{width:480px;height:min(780px,94vh);border-radius:12px;overflow:hidden;box-shadow:0 20px 50px rgba(0,0,0,.35)}}" +
    ".atom-sbx-bar{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:6px 6px 6px 16px;background:#1c1917;color:#fff;font:600 15px/1.4 system-ui,sans-serif}" +
    ".atom-sbx-close{width:44px;height:44px;border:0;border-radius:8px;background:transparent;color:#fff;font:28px/1 system-ui,sans-serif;cursor:pointer}" +
    ".atom-sbx-close:focus-visible{outline:3px solid #f97316;outline-offset:-3px}" +
    ".atom-sbx-loading{margin:0;padding:24px;text-align:center;font:15px/1.5 system-ui,sans-serif;color:#44403c}" +
    ".atom-sbx-frame{flex:1;width:100%;border:0}";

  var current = null;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function injectStyle() {
    if (document.getElementById(STYLE_ID)) return;
    var style = element("style", { id: STYLE_ID });
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  function paymentPageUrl(options) {
    var query = new URLSearchParams({
      merchId: String(options.merchId),
      custEmail: String(options.custEmail || ""),
      custMobile: String(options.custMobile || ""),
      returnUrl: String(options.returnUrl),
    });
    return PAY_PAGE + encodeURIComponent(String(options.atomTokenId)) + "?" + query.toString();
  }

  function closeOverlay(notify) {
    if (!current) return;
    var overlay = current;
    current = null;
    document.removeEventListener("keydown", overlay.onKeyDown, true);
    overlay.backdrop.remove();
    overlay.inerted.forEach(function (node) {
      node.inert = false;
    });
    document.documentElement.style.overflow = overlay.overflow;
    if (overlay.previousFocus && typeof overlay.previousFocus.focus === "function") overlay.previousFocus.focus();
    if (notify) window.postMessage("cancelTransaction", window.location.origin);
  }

  function openOverlay(options) {
    closeOverlay(false);
    injectStyle();

    var backdrop = element("div", { class: "atom-sbx-backdrop", "data-testid": "atom-sandbox-overlay" });
    var dialog = element("div", {
      class: "atom-sbx-dialog",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "atom-sbx-title",
    });
    var bar = element("div", { class: "atom-sbx-bar" });
    bar.appendChild(element("span", { id: "atom-sbx-title" }, "Atom secure payment (sandbox)"));
    var close = element("button", {
      type: "button",
      class: "atom-sbx-close",
      "aria-label": "Close payment window",
      "data-testid": "atom-sandbox-close",
    });
    close.textContent = "\u00d7";
    bar.appendChild(close);
    var loading = element("p", { class: "atom-sbx-loading", role: "status" }, "Opening the secure payment page\u2026");
    var frame = element("iframe", {
      class: "atom-sbx-frame",
      title: "Atom sandbox payment page",
      src: paymentPageUrl(options),
      allow: "payment",
    });
    frame.addEventListener("load", function () {
      loading.hidden = true;
      frame.focus();
    });
    dialog.appendChild(bar);
    dialog.appendChild(loading);
    dialog.appendChild(frame);
    backdrop.appendChild(dialog);

    // Everything behind the dialog leaves the tab order and the accessibility tree.
    var inerted = Array.prototype.filter.call(document.body.children, function (node) {
      return !node.inert;
    });
    inerted.forEach(function (node) {
      node.inert = true;
    });
    document.body.appendChild(backdrop);

    current = {
      backdrop: backdrop,
      inerted: inerted,
      previousFocus: document.activeElement,
      overflow: document.documentElement.style.overflow,
      onKeyDown: function (event) {
        if (event.key === "Escape") closeOverlay(true);
      },
    };
    document.documentElement.style.overflow = "hidden";
    document.addEventListener("keydown", current.onKeyDown, true);
    close.addEventListener("click", function () {
      closeOverlay(true);
    });
    close.focus();
  }

  function AtomPaynetz(options, env) {
    if (!(this instanceof AtomPaynetz)) throw new TypeError("AtomPaynetz must be called with new");
    if (!options || typeof options !== "object") throw new TypeError("AtomPaynetz: options are required");
    ["atomTokenId", "merchId", "returnUrl"].forEach(function (name) {
      if (options[name] === undefined || options[name] === null || String(options[name]) === "") {
        throw new TypeError("AtomPaynetz: options." + name + " is required");
      }
    });
    if (env !== "uat" && env !== "prod") {
      console.warn('AtomPaynetz: env should be "uat" or "prod"; the sandbox treats every env alike');
    }
    this.options = options;
    this.env = env;
    openOverlay(options);
  }

  window.AtomPaynetz = AtomPaynetz;
})();
