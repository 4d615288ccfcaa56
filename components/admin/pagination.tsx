import Link from "next/link";
import type { Page } from "@/lib/admin/filters";

/** Previous / next by page number, keeping the list's other filters in the URL. */
export function Pagination({
  page,
  basePath,
  params,
}: {
  page: Page<unknown>;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  const hrefFor = (target: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...params, page: target === 1 ? undefined : String(target) }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const text = query.toString();
    return text === "" ? basePath : `${basePath}?${text}`;
  };
  const link = "rounded-full border border-stone-300 bg-white px-4 py-1.5 hover:border-brand-600 hover:text-brand-700";
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-stone-600">
        {page.total === 0 ? "Nothing found" : `Page ${page.page} of ${page.pageCount} · ${page.total} in all`}
      </p>
      <div className="flex gap-2">
        {page.page > 1 ? (
          <Link href={hrefFor(Math.min(page.page - 1, page.pageCount))} className={link} rel="prev">
            Previous
          </Link>
        ) : null}
        {page.page < page.pageCount ? (
          <Link href={hrefFor(page.page + 1)} className={link} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
