import Link from "next/link";
import { catalogHref, type CatalogQuery } from "@/lib/catalog/catalog-query";
import type { CatalogCategory } from "@/lib/catalog/products";

/**
 * The catalog's categories as links, the current one marked. A search and the sort carry over,
 * so a search can be narrowed to a category and widened again.
 */
export function CategoryNav({ categories, query }: { categories: CatalogCategory[]; query: CatalogQuery }) {
  const links = [
    { slug: null, name: query.q ? "All categories" : "All products" },
    ...categories.filter((category) => category.productCount > 0),
  ];
  return (
    <nav aria-label="Categories">
      <ul className="flex flex-wrap gap-2">
        {links.map((link) => {
          const current = link.slug === query.category;
          return (
            <li key={link.slug ?? "all"}>
              <Link
                href={catalogHref({ ...query, category: link.slug })}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded-full border px-4 py-1.5 text-sm font-medium ${
                  current
                    ? "border-brand-700 bg-brand-700 text-white"
                    : "border-stone-300 bg-white text-stone-800 hover:border-brand-600 hover:text-brand-700"
                }`}
              >
                {link.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
