import { ProductCard } from "@/components/catalog/product-card";
import { getDatabase } from "@/db";
import { getCatalog } from "@/lib/catalog/cached-catalog";
import { readStockLevels } from "@/lib/catalog/stock-levels";

// The catalog lives in the database, which exists only at run time; its reads are cached.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [products, stock] = await Promise.all([getCatalog(), getDatabase().then(readStockLevels)]);
  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading" className="font-display text-3xl font-bold text-brand-900">
        Fresh from India&apos;s gardens and workshops
      </h1>
      <p className="mt-2 text-stone-600">Prices include GST. Free shipping on every order.</p>
      {products.length === 0 ? (
        <p className="mt-8 rounded-xl bg-white p-6 text-stone-600">
          The shelves are empty right now. Please come back soon.
        </p>
      ) : (
        <ul className="mt-8 grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
          {products.map((product) => (
            <li key={product.id} className="flex">
              <ProductCard product={product} stock={stock.get(product.slug) ?? 0} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
