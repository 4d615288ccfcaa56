import Link from "next/link";
import { COUNT_LIMIT, cursorParam, type KeysetPage, type Page } from "@/lib/admin/filters";
import { hrefWith } from "@/lib/admin/order-list-filters";

const LINK = "rounded-full border border-stone-300 bg-white px-4 py-1.5 hover:border-brand-600 hover:text-brand-700";

/**
 * Previous / next, keeping the list's other filters in the URL: by page number for the
 * short lists, by the row beside (?after= / ?before=) for the keyset lists (orders,
 * refunds), whose count stops at COUNT_LIMIT ("10,000+ in all").
 */
export function Pagination({
  page,
  basePath,
  params,
}: {
  page: Page<unknown> | KeysetPage<unknown>;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  const numbered = "pageCount" in page;
  const previous = numbered
    ? page.page > 1
      ? { page: page.page === 2 ? undefined : String(Math.min(page.page - 1, page.pageCount)) }
      : undefined
    : page.previous && { before: cursorParam(page.previous) };
  const next = numbered
    ? page.page < page.pageCount
      ? { page: String(page.page + 1) }
      : undefined
    : page.next && { after: cursorParam(page.next) };
  const total = page.total > COUNT_LIMIT ? `${COUNT_LIMIT.toLocaleString("en-IN")}+` : String(page.total);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-stone-600">
        {page.total === 0
          ? "Nothing found"
          : numbered
            ? `Page ${page.page} of ${page.pageCount} · ${total} in all`
            : `${total} in all`}
      </p>
      <div className="flex gap-2">
        {previous ? (
          <Link href={hrefWith(basePath, { ...params, ...previous })} className={LINK} rel="prev">
            Previous
          </Link>
        ) : null}
        {next ? (
          <Link href={hrefWith(basePath, { ...params, ...next })} className={LINK} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
