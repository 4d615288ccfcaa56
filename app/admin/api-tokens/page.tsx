import type { Metadata } from "next";
import { CreateTokenForm, RevokeTokenButton } from "@/components/admin/api-token-forms";
import { ScrollBox } from "@/components/admin/scroll-box";
import { getDatabase } from "@/db";
import { listTokensForAdmin } from "@/lib/admin/api-tokens";
import { requireAdminPage } from "@/lib/auth/authorize";
import { formatShopDateTime } from "@/lib/shop-time";

export const metadata: Metadata = { title: "API tokens" };

export default async function AdminApiTokensPage() {
  const admin = await requireAdminPage("/admin/api-tokens");
  const tokens = await listTokensForAdmin(await getDatabase(), admin);
  return (
    <section aria-labelledby="tokens-heading" className="flex flex-col gap-4">
      <h1 id="tokens-heading" className="font-display text-3xl font-bold text-brand-900">
        API tokens
      </h1>
      <p className="max-w-3xl text-sm text-stone-600">
        A token lets a script use the refunds API (<code>POST /api/admin/refunds</code>, see README) as you: it works
        while you are an admin and until it is revoked. The token is shown once, when it is made; the shop keeps only a
        digest of it.
      </p>
      <CreateTokenForm />
      <ScrollBox label="API tokens">
        <table className="w-full min-w-[40rem] text-sm">
          <caption className="sr-only">API tokens</caption>
          <thead className="border-b border-stone-200 text-left text-stone-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                For
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Acts as
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Made
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Last used
              </th>
              <th scope="col" className="py-2 font-medium">
                State
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={5} className="py-3 text-stone-500">
                  No tokens yet.
                </td>
              </tr>
            ) : null}
            {tokens.map((token) => (
              <tr key={token.id} data-testid="token-row" data-token-id={token.id}>
                <th scope="row" className="py-2 pr-3 text-left font-medium break-words">
                  {token.name}
                </th>
                <td className="py-2 pr-3 break-all">{token.email}</td>
                <td className="py-2 pr-3">{formatShopDateTime(token.createdAt)}</td>
                <td className="py-2 pr-3">{token.lastUsedAt ? formatShopDateTime(token.lastUsedAt) : "never"}</td>
                <td className="py-2">
                  {token.revokedAt ? (
                    <span data-testid="token-revoked">Revoked {formatShopDateTime(token.revokedAt)}</span>
                  ) : (
                    <RevokeTokenButton tokenId={token.id} name={token.name} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
