import Link from "next/link";

/**
 * A sortable column's header: a link that sorts by it (the other way round when it is the
 * sort already), and `aria-sort` saying how the list is sorted now.
 */
export function SortHeader({
  label,
  href,
  sorted,
  align = "left",
}: {
  label: string;
  href: string;
  /** The list's direction when it is sorted by this column. */
  sorted?: "asc" | "desc";
  align?: "left" | "right";
}) {
  return (
    <th
      scope="col"
      aria-sort={sorted === undefined ? undefined : sorted === "asc" ? "ascending" : "descending"}
      className={`px-4 py-3 font-medium ${align === "right" ? "text-right" : ""}`}
    >
      <Link
        href={href}
        className={`inline-flex items-center gap-1 hover:text-brand-700 hover:underline ${sorted ? "text-stone-900" : ""}`}
      >
        {label}
        <span aria-hidden="true" className="w-3 text-xs">
          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
        </span>
      </Link>
    </th>
  );
}
