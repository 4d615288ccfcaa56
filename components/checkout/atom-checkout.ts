import type { CheckoutLaunch } from "@/lib/payments/start-checkout";

// The gateway's checkout script opens its overlay (protocol page §1, step 3) with
// `new AtomPaynetz({ atomTokenId, merchId, custEmail, custMobile, returnUrl }, env)`.
// The shop's checkout and the sandbox's test checkout both open it through this module.

interface AtomPaynetzConstructor {
  new (
    options: { atomTokenId: string; merchId: string; custEmail: string; custMobile: string; returnUrl: string },
    env: string,
  ): unknown;
}

declare global {
  interface Window {
    AtomPaynetz?: AtomPaynetzConstructor;
  }
}

let loading: { url: string; promise: Promise<void> } | undefined;

/** Loads the gateway's checkout script once per page, whichever button asks first. */
function loadCheckoutScript(url: string): Promise<void> {
  if (window.AtomPaynetz) return Promise.resolve();
  if (loading?.url === url) return loading.promise;
  const promise = new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      loading = undefined;
      reject(new Error("The payment window could not be loaded. Check your connection and try again."));
    };
    document.head.appendChild(script);
  });
  loading = { url, promise };
  return promise;
}

/** Opens the gateway's payment overlay for a token the server obtained. */
export async function openAtomCheckout(launch: CheckoutLaunch): Promise<void> {
  await loadCheckoutScript(launch.scriptUrl);
  const AtomPaynetz = window.AtomPaynetz;
  if (!AtomPaynetz) throw new Error("The payment window is unavailable right now. Please try again later.");
  new AtomPaynetz(
    {
      atomTokenId: launch.atomTokenId,
      merchId: launch.merchId,
      custEmail: launch.custEmail,
      custMobile: launch.custMobile,
      returnUrl: launch.returnUrl,
    },
    launch.env,
  );
}
