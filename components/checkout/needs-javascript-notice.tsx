/** Shown only where scripts do not run: the gateway's payment window opens from the page's script. */
export function NeedsJavaScriptNotice() {
  return (
    <noscript>
      <p className="text-sm text-amber-900">
        Paying needs JavaScript: turn it on in this browser to open the payment window.
      </p>
    </noscript>
  );
}
