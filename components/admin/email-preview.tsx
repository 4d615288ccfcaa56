// A shopper email's HTML shown to an admin as the shopper's mail client would: in an iframe
// that is sandboxed with no permissions at all (no script, no forms, no navigation of the
// admin's page, an opaque origin that reads nothing of the shop), and whose document carries
// its own Content-Security-Policy that loads nothing from anywhere (inline styles only).
const PREVIEW_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
const POLICY_TAG = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_POLICY}">`;

/** The email as a document for the iframe's srcdoc, its policy first in its head. */
function previewDocument(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (head === null) return `${POLICY_TAG}${html}`;
  const end = head.index + head[0].length;
  return `${html.slice(0, end)}${POLICY_TAG}${html.slice(end)}`;
}

export function EmailPreview({ html, subject }: { html: string; subject: string }) {
  return (
    <details className="mt-2 rounded-lg border border-stone-200" data-testid="email-html-preview">
      <summary className="text-brand-800 cursor-pointer px-3 py-2 text-sm font-medium">
        Show the email as sent (HTML)
      </summary>
      <iframe
        sandbox=""
        srcDoc={previewDocument(html)}
        title={`The email as sent: ${subject}`}
        referrerPolicy="no-referrer"
        loading="lazy"
        className="h-[32rem] w-full rounded-b-lg bg-white"
      />
    </details>
  );
}
