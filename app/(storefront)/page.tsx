import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CategoryNav } from "@/components/catalog/category-nav";
import { ProductCard } from "@/components/catalog/product-card";
import { getDatabase } from "@/db";
import { SortForm } from "@/components/catalog/sort-form";
import { getCategories, getListing } from "@/lib/catalog/cached-catalog";
import { catalogHref, parseCatalogQuery, type CatalogQuery } from "@/lib/catalog/catalog-query";
import type { CatalogCategory } from "@/lib/catalog/products";
import { readStockLevels } from "@/lib/catalog/stock-levels";

// The catalog lives in the database, which exists only at run time; its reads are cached.
export const dynamic = "force-dynamic";

const HOME_HEADING = "Fresh from India’s gardens and workshops";

interface Listing {
  query: CatalogQuery;
  categories: CatalogCategory[];
  category: CatalogCategory | null;
}

/** The listing the URL asks for; null for a category that does not exist. */
async function listingFor(searchParams: PageProps<"/">["searchParams"]): Promise<Listing | null> {
  const query = parseCatalogQuery(await searchParams);
  if (!query) return null;
  const categories = await getCategories();
  const category = query.category === null ? null : categories.find((each) => each.slug === query.category);
  return category === undefined ? null : { query, categories, category };
}

export async function generateMetadata({ searchParams }: PageProps<"/">): Promise<Metadata> {
  const listing = await listingFor(searchParams);
  if (!listing) return { title: "Not found" };
  // Search results are for the shopper who asked, not for search engines.
  if (listing.query.q) return { title: `Search: ${listing.query.q}`, robots: { index: false } };
  if (listing.category) return { title: listing.category.name, description: listing.category.description };
  return {};
}

// No loading.tsx here: the listing (cached, or one indexed query) comes in the first response, so
// it shows without JavaScript and an unknown category answers with a real 404.
export default async function CatalogPage({ searchParams }: PageProps<"/">) {
  const listing = await listingFor(searchParams);
  if (!listing) notFound();
  const { query, categories, category } = listing;
  const [products, stock] = await Promise.all([getListing(query), getDatabase().then(readStockLevels)]);
  return (
    <section aria-labelledby="catalog-heading" className="flex flex-col gap-6">
      <div>
        <h1 id="catalog-heading" className="font-display text-3xl font-bold text-brand-900">
          {query.q ? (
            <>
              Results for “{query.q}”{category ? ` in ${category.name}` : null}
            </>
          ) : (
            (category?.name ?? HOME_HEADING)
          )}
        </h1>
        <p className="mt-2 text-stone-600">
          {category && !query.q ? `${category.description} ` : null}Prices include GST. Free shipping on every order.
        </p>
      </div>
      <CategoryNav categories={categories} query={query} />
      <div className="flex flex-wrap items-center justify-between gap-3 border-y border-stone-200 py-3">
        <p className="text-sm text-stone-700" data-testid="result-count">
          {products.length === 1 ? "1 product" : `${products.length} products`}
        </p>
        {products.length > 1 ? <SortForm query={query} /> : null}
      </div>
      {products.length === 0 ? (
        <EmptyListing query={query} category={category} />
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:gap-6 lg:grid-cols-3 xl:grid-cols-4">
          {products.map((product, index) => (
            <li key={product.id} className="flex">
              <ProductCard
                product={product}
                headingLevel={2}
                showCategory={!category}
                // Two to a row on a phone, four on a wide screen.
                pictureLoading={index < 2 ? "preload" : index < 4 ? "eager" : "lazy"}
                stock={stock.get(product.slug) ?? 0}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EmptyListing({ query, category }: { query: CatalogQuery; category: CatalogCategory | null }) {
  if (!query.q) {
    return (
      <p className="rounded-xl bg-white p-6 text-stone-600">The shelves are empty right now. Please come back soon.</p>
    );
  }
  return (
    <div className="rounded-xl bg-white p-6 text-stone-700">
      <p>
        Nothing matches “{query.q}”{category ? ` in ${category.name}` : null}. Try another word, or browse a category
        above.
      </p>
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-2">
        {category ? (
          <Link href={catalogHref({ q: query.q })} className="font-medium text-brand-700 underline">
            Search every category
          </Link>
        ) : null}
        <Link href={catalogHref({})} className="font-medium text-brand-700 underline">
          See all products
        </Link>
      </p>
    </div>
  );
}
